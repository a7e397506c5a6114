import { createKafka, headerValue, startConsumer, type KafkaMessage, type RunningConsumer } from '@hookline/kafka';
import { createLogger } from '@hookline/logging';
import { createMetricsRegistry } from '@hookline/telemetry';
import { testKafkaSecurity } from '@hookline/testing';

/** Watches a topic from its beginning: every message, and the exact count of stored messages. */
export interface TopicProbe {
  messages: KafkaMessage[];
  /** Sum of the partitions' high watermarks: how many messages the topic holds. */
  storedCount(): Promise<number>;
  header(message: KafkaMessage, name: string): string | undefined;
  stop(): Promise<void>;
}

export async function startTopicProbe(brokers: string, topic: string): Promise<TopicProbe> {
  const logger = createLogger('topic-probe', 'silent');
  const kafka = createKafka({ brokers, security: testKafkaSecurity(brokers), clientId: 'topic-probe', logger });
  const admin = kafka.admin();
  await admin.connect();
  const messages: KafkaMessage[] = [];
  const consumer: RunningConsumer = await startConsumer(kafka, {
    name: 'topic-probe',
    groupId: `probe-${topic}-${Date.now()}`,
    topic,
    logger,
    metrics: createMetricsRegistry('topic-probe'),
    maxWaitTimeInMs: 20,
    handle: async (batch) => void messages.push(...batch),
  });
  return {
    messages,
    async storedCount() {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
    },
    header: (message, name) => headerValue(message.headers, name),
    async stop() {
      await consumer.stop();
      await admin.disconnect();
    },
  };
}
