// Reads every message of every topic under a prefix, from the beginning: keys, values, headers.
import { createKafka } from '@hookline/kafka';
import { createLogger } from '@hookline/logging';
import { testKafkaSecurity, waitFor } from '@hookline/testing';

export interface TopicDump {
  topics: string[];
  messages: number;
  /** Every key, value and header value, as raw bytes. */
  chunks: Buffer[];
}

export async function dumpTopics(brokers: string, prefix: string): Promise<TopicDump> {
  const logger = createLogger('topic-dump', 'silent');
  const kafka = createKafka({ brokers, security: testKafkaSecurity(brokers), clientId: 'topic-dump', logger });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    let stored = 0;
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) stored += Number(p.high) - Number(p.low);
    }
    const chunks: Buffer[] = [];
    let messages = 0;
    if (stored === 0) return { topics, messages, chunks };
    // A plain consumer from the beginning of every topic: this reads, it never commits.
    const consumer = kafka.consumer({ groupId: `topic-dump-${Date.now()}`, maxWaitTimeInMs: 50 });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        messages++;
        if (message.key) chunks.push(message.key);
        if (message.value) chunks.push(message.value);
        for (const value of Object.values(message.headers ?? {})) {
          for (const v of [value].flat()) if (v !== undefined && v !== null) chunks.push(Buffer.from(v));
        }
      },
    });
    try {
      await waitFor(() => messages >= stored, { timeoutMs: 60_000, intervalMs: 100, message: `all ${stored} messages under ${prefix}` });
    } finally {
      await consumer.disconnect();
    }
    return { topics, messages, chunks };
  } finally {
    await admin.disconnect();
  }
}
