import { Kafka as KafkaClient, logLevel } from 'kafkajs';
import { createLogger } from '@hookline/logging';
import { startOwnKafkaBroker, testKafkaSecurity, waitFor, type OwnKafkaBroker } from '@hookline/testing';
import { BatchingProducer, createKafka, ensureTopics } from './index';

// The producer's promise under broker faults: a send resolves only for records the broker
// stored, and the producer recovers by itself once the broker is back. The broker is this
// suite's own (the shared one is never stopped).

const logger = createLogger('kafka-fault-test', 'silent');
const topic = 'fault.hookline.events.v1';

let broker: OwnKafkaBroker;
beforeAll(async () => {
  broker = await startOwnKafkaBroker();
}, 120_000);
afterAll(() => broker?.destroy(), 60_000);

/** Publishers that send in a loop, as ingestion does under load, and remember what was acknowledged. */
function startLoad(producer: BatchingProducer, publishers: number) {
  const acknowledged = new Set<string>();
  let failures = 0;
  let next = 0;
  let running = true;
  const loops = Array.from({ length: publishers }, async () => {
    while (running) {
      const ids = Array.from({ length: 5 }, () => `m-${next++}`);
      try {
        await producer.send(topic, ids.map((id) => ({ key: `org_${id.length % 7}`, value: Buffer.from(id) })));
        for (const id of ids) acknowledged.add(id);
      } catch {
        failures++;
        // What a client does after a 503: try again a little later.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  });
  return {
    acknowledged,
    failures: () => failures,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function readTopic(brokers: string): Promise<{ values: Set<string>; endOffsets: number }> {
  const kafka = new KafkaClient({ clientId: 'fault-reader', brokers: [brokers], ...testKafkaSecurity(brokers), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const endOffsets = offsets.reduce((sum, p) => sum + Number(p.high), 0);
  const values = new Set<string>();
  let read = 0;
  const consumer = kafka.consumer({ groupId: `fault-reader-${Date.now()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      read++;
      values.add(message.value!.toString());
    },
  });
  await waitFor(() => read >= endOffsets, { timeoutMs: 60_000, message: `all ${endOffsets} records to be read back` });
  await consumer.disconnect();
  return { values, endOffsets };
}

it('broker killed and restarted under load: every acknowledged record is in the topic, and sends succeed again without a restart of the producer', async () => {
  const kafka = createKafka({ brokers: broker.brokers, security: testKafkaSecurity(broker.brokers), clientId: 'fault-producer', logger });
  await ensureTopics(kafka, [{ topic, numPartitions: 3 }]);
  const producer = new BatchingProducer(kafka);
  await producer.connect();
  const load = startLoad(producer, 20);
  try {
    await waitFor(() => load.acknowledged.size >= 2_000, { timeoutMs: 30_000, message: 'load to flow' });

    await broker.stop('SIGKILL');
    await waitFor(() => load.failures() >= 20, { timeoutMs: 60_000, message: 'sends to fail while the broker is down' });
    await broker.start();

    const beforeRecovery = load.acknowledged.size;
    await waitFor(() => load.acknowledged.size >= beforeRecovery + 2_000, { timeoutMs: 90_000, message: 'sends to succeed again after the restart' });
  } finally {
    await load.stop();
    await producer.disconnect();
  }

  const { values, endOffsets } = await readTopic(broker.brokers);
  const missing = [...load.acknowledged].filter((id) => !values.has(id));
  expect({ missing: missing.length, endOffsetsCoverAcks: endOffsets >= load.acknowledged.size }).toEqual({ missing: 0, endOffsetsCoverAcks: true });
}, 300_000);
