// Every event record on the events topic, from the beginning: what the broker actually stored,
// including the records of publishes that were answered 503 but stored after all.
import { eventsV1 } from '@hookline/proto';
import { testKafkaSecurity } from '@hookline/testing';
import { Kafka, logLevel } from 'kafkajs';

export interface StoredEvent {
  id: string;
  dataJson: string;
}

/** Reads the topic up to its end offsets (as they are when called). */
export async function readTopicEvents(brokers: string, topic: string, timeoutMs = 120_000): Promise<StoredEvent[]> {
  const kafka = new Kafka({ clientId: 'chaos-topic-events', brokers: brokers.split(','), ...testKafkaSecurity(brokers), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
  await admin.disconnect();
  const remaining = new Set([...ends].filter(([, high]) => high > 0).map(([partition]) => partition));
  const events: StoredEvent[] = [];
  if (remaining.size === 0) return events;

  // A plain consumer from the beginning: it reads, it never commits.
  const consumer = kafka.consumer({ groupId: `chaos-topic-events-${Date.now()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        if (!remaining.has(partition)) return;
        if (message.value?.length) {
          const event = eventsV1.Event.decode(message.value);
          events.push({ id: event.id, dataJson: event.dataJson });
        }
        if (Number(message.offset) + 1 >= ends.get(partition)!) remaining.delete(partition);
        if (remaining.size === 0) done();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the events topic not read to its end within ${timeoutMs} ms`)), timeoutMs)));
    await Promise.race([finished, timeout]).finally(() => clearTimeout(timer));
    return events;
  } finally {
    await consumer.disconnect();
  }
}
