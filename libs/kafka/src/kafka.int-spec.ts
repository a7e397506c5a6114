import { createLogger } from '@hookline/logging';
import { createMetricsRegistry } from '@hookline/telemetry';
import { eventsV1 } from '@hookline/proto';
import { testKafkaBrokers, testKafkaSecurity, uniqueTopicPrefix, waitFor } from '@hookline/testing';
import { BatchingProducer, createKafka, ensureTopics, headerValue, partitionCount, partitionForKey, startConsumer, topicNames, traceHeaders } from './index';

const logger = createLogger('kafka-test', 'silent');
const metrics = createMetricsRegistry('kafka-test');

describe('libs/kafka against the real broker', () => {
  const kafka = createKafka({ brokers: testKafkaBrokers, security: testKafkaSecurity(testKafkaBrokers), clientId: 'kafka-test', logger });
  const topic = topicNames(uniqueTopicPrefix()).events;
  let producer: BatchingProducer;

  beforeAll(async () => {
    await ensureTopics(kafka, [{ topic, numPartitions: 1 }]);
    producer = new BatchingProducer(kafka);
    await producer.connect();
  });
  afterAll(() => producer.disconnect());

  it('a protobuf Event is consumed back equal, with its traceparent header', async () => {
    const event: eventsV1.Event = {
      id: 'evt_01',
      orgId: 'org_1',
      type: 'transfer.completed',
      source: 'hookline',
      time: '2026-01-01T14:30:02Z',
      isTest: false,
      dataJson: JSON.stringify({ amount: 100, currency: 'EUR' }),
      targetWebhookId: '',
      idempotencyKey: '',
      group: 'transfer',
    };
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await producer.send(topic, [{ key: event.orgId, value: Buffer.from(eventsV1.Event.encode(event).finish()), headers: traceHeaders(traceparent) as Record<string, string> }]);

    const received: { event: eventsV1.Event; key: string; traceparent?: string }[] = [];
    const consumer = await startConsumer(kafka, {
      name: 'reader',
      groupId: `${topic}.reader`,
      topic,
      logger,
      metrics,
      handle: async (messages) => {
        for (const message of messages) {
          received.push({
            event: eventsV1.Event.decode(message.value!),
            key: message.key!.toString(),
            traceparent: headerValue(message.headers, 'traceparent'),
          });
        }
      },
    });
    await waitFor(() => received.length === 1, { message: 'the event to be consumed' });
    await consumer.stop();
    expect(received[0]).toEqual({ event, key: 'org_1', traceparent });
  });

  it('a consumer stopped mid-batch resumes after the last completed offset: no loss, no skip', async () => {
    const resumeTopic = topicNames(uniqueTopicPrefix()).deliveries;
    await ensureTopics(kafka, [{ topic: resumeTopic, numPartitions: 1 }]);
    await producer.send(
      resumeTopic,
      Array.from({ length: 10 }, (_, i) => ({ key: 'k', value: Buffer.from(String(i)) })),
    );
    const groupId = `${resumeTopic}.group`;

    // First consumer: completes 0..4 one at a time, then holds 5 and stops before it completes.
    const first: string[] = [];
    let stopping = false;
    const firstConsumer = await startConsumer(kafka, {
      name: 'first',
      groupId,
      topic: resumeTopic,
      logger,
      metrics,
      chunkSize: 1,
      completion: 'claimed',
      handle: async ([message], { claim }) => {
        if (first.length === 5) {
          stopping = true;
          claim(message.offset); // handed out, never completed
          return;
        }
        first.push(message.value!.toString());
        claim(message.offset)();
      },
    });
    await waitFor(() => stopping, { message: 'the first consumer to handle five messages' });
    await firstConsumer.stop();
    expect(first).toEqual(['0', '1', '2', '3', '4']);

    // Second consumer in the same group picks up exactly where the first left off.
    const second: string[] = [];
    const secondConsumer = await startConsumer(kafka, {
      name: 'second',
      groupId,
      topic: resumeTopic,
      logger,
      metrics,
      handle: async (messages) => {
        for (const message of messages) second.push(message.value!.toString());
      },
    });
    await waitFor(() => second.length >= 5, { message: 'the second consumer to read the rest' });
    await secondConsumer.stop();
    expect(second).toEqual(['5', '6', '7', '8', '9']);
  });

  it('partitionForKey names the partition the producer puts a keyed message in (in-process hand-off relies on it)', async () => {
    const keyedTopic = topicNames(uniqueTopicPrefix()).deliveries;
    await ensureTopics(kafka, [{ topic: keyedTopic, numPartitions: 8 }]);
    expect(await partitionCount(kafka, keyedTopic)).toBe(8);
    const keys = Array.from({ length: 200 }, (_, i) => `wh_${i.toString(36)}x${i * 7919}`);
    await producer.send(keyedTopic, keys.map((key) => ({ key, value: Buffer.from(key) })));

    const landed = new Map<string, number>();
    const consumer = await startConsumer(kafka, {
      name: 'keyed',
      groupId: `${keyedTopic}.reader`,
      topic: keyedTopic,
      logger,
      metrics,
      partitionsConsumedConcurrently: 4,
      handle: async (messages, { partition }) => {
        for (const message of messages) landed.set(message.key!.toString(), partition);
      },
    });
    await waitFor(() => landed.size === keys.length, { message: 'every keyed message to be consumed' });
    await consumer.stop();
    // Spread over several partitions, and each one where partitionForKey says.
    expect(new Set(landed.values()).size).toBeGreaterThan(4);
    for (const key of keys) expect([key, landed.get(key)]).toEqual([key, partitionForKey(key, 8)]);
  });
});
