import { Kafka, KafkaJSError, logLevel, type Admin, type ITopicConfig, type KafkaConfig, type LogEntry } from 'kafkajs';
import type { Logger } from '@hookline/logging';
import { retryWithBackoff } from '@hookline/retry';

export interface KafkaOptions {
  brokers: string;
  clientId: string;
  logger: Logger;
  /** TLS and SASL for a managed cluster (see `kafkaSecurity`); plaintext when absent. */
  security?: Pick<KafkaConfig, 'ssl' | 'sasl'>;
}

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * Said by kafkajs at every idempotent producer's creation. Retries are bounded on purpose: a
 * send that cannot complete fails the publish (the caller retries with its idempotency key)
 * instead of hanging, and duplicates are absorbed downstream; so it is logged at debug.
 */
const BOUNDED_RETRIES_NOTICE = 'Limiting retries for the idempotent producer may invalidate EoS guarantees';

/**
 * kafkajs also logs every error answer of a broker (`Response Metadata(key: 3, …)`) at error,
 * including the expected ones of a start-up race (topic just created by another service), before
 * the operation that got it retries or throws; a failure that matters reaches our own logs then.
 */
const isRoutineNotice = (message: string) => message === BOUNDED_RETRIES_NOTICE || message.startsWith('Response ');

/** A consumer group member told to re-join (a rebalance, e.g. while services start): kafkajs re-joins itself. */
const isRejoin = (message: string) => message.includes('re-joining the group');

/** A kafkajs client whose logs go to pino (kafkajs chatter at info is demoted to debug). */
export function createKafka({ brokers, clientId, logger, security }: KafkaOptions): Kafka {
  return new Kafka({
    clientId,
    brokers: brokers.split(','),
    ...security,
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 100, retries: 5, maxRetryTime: 2_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        const method = level === logLevel.INFO || isRoutineNotice(message) ? 'debug' : isRejoin(message) ? 'info' : (levels[level] ?? 'debug');
        logger[method]({ kafka: extra }, message);
      },
  });
}

export interface TopicSpec {
  topic: string;
  numPartitions?: number;
  /** e.g. { 'cleanup.policy': 'compact' } */
  config?: Record<string, string>;
}

/**
 * Creates missing topics with their partition counts; existing topics are left as they are.
 * Several services create shared topics at start-up at the same moment: the broker may then
 * answer the loser's metadata wait with "does not host this topic-partition" while the
 * winner's topic is still being set up, so the whole check is retried a few times.
 */
export function ensureTopics(kafka: Kafka, topics: TopicSpec[]): Promise<void> {
  return retryWithBackoff(() => createMissingTopics(kafka, topics), {
    initialMs: 100,
    maxMs: 1_000,
    maxAttempts: 10,
    shouldRetry: (error) => error instanceof KafkaJSError && error.retriable,
  });
}

async function createMissingTopics(kafka: Kafka, topics: TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing: ITopicConfig[] = topics
      .filter((t) => !existing.has(t.topic))
      .map((t) => ({
        topic: t.topic,
        numPartitions: t.numPartitions ?? 1,
        replicationFactor: -1,
        configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
      }));
    if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
    // A topic another service has just created is listed before its partitions have leaders.
    await waitUntil(() => haveLeaders(admin, topics.map((t) => t.topic)), 30_000, 100, () => 'Kafka topics have no partition leaders');
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until every topic exists: a consumer of a topic another service creates (the events
 * topic belongs to ingestion) may start first, and subscribing to a missing topic fails.
 */
export async function waitForTopics(kafka: Kafka, topics: string[], { timeoutMs = 120_000, pollMs = 250 } = {}): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await waitUntil(
      async () => {
        const existing = new Set(await admin.listTopics());
        return topics.every((topic) => existing.has(topic)) && (await haveLeaders(admin, topics));
      },
      timeoutMs,
      pollMs,
      () => `Kafka topics missing (or without leaders) after ${timeoutMs} ms: ${topics.join(', ')}`,
    );
  } finally {
    await admin.disconnect();
  }
}

/** Whether every partition of the topics has a leader; a retriable metadata error means "not yet". */
async function haveLeaders(admin: Admin, topics: string[]): Promise<boolean> {
  try {
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
    return metadata.every((topic) => topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0 && !p.partitionErrorCode));
  } catch (error) {
    if (error instanceof KafkaJSError && error.retriable) return false;
    throw error;
  }
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, pollMs: number, failure: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(failure());
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
