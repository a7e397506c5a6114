import { KafkaJSError, type Batch, type Consumer, type Kafka } from 'kafkajs';
import type { Logger } from '@hookline/logging';

export interface BatchContext {
  /** Mark an offset done: it may be committed. Call only once its outcome is durable. */
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
  isRunning(): boolean;
  isStale(): boolean;
}

export interface BatchConsumerOptions {
  groupId: string;
  topics: string[];
  fromBeginning?: boolean;
  logger: Logger;
  /** Handles one batch; resolve offsets as messages become durable. */
  eachBatch: (batch: Batch, context: BatchContext) => Promise<void>;
  /**
   * How long the broker may hold an empty fetch (ms). It answers at once when data arrives, so
   * this does not add latency; a short wait only makes an idle consumer poll (and burn CPU).
   */
  maxWaitTimeInMs?: number;
  partitionsConsumedConcurrently?: number;
  sessionTimeout?: number;
  maxBytesPerPartition?: number;
}

export interface RunningConsumer {
  consumer: Consumer;
  /** Stop fetching, let the in-flight batch finish, commit resolved offsets, disconnect. */
  stop(): Promise<void>;
}

/**
 * An eachBatch consumer with explicit offset resolution: offsets are committed only after the
 * handler resolved them, so a crash replays unresolved messages (at-least-once, no loss).
 */
export async function startBatchConsumer(kafka: Kafka, options: BatchConsumerOptions): Promise<RunningConsumer> {
  const consumer = kafka.consumer({
    groupId: options.groupId,
    maxWaitTimeInMs: options.maxWaitTimeInMs ?? 500,
    sessionTimeout: options.sessionTimeout ?? 10_000,
    heartbeatInterval: 1_000,
    rebalanceTimeout: 10_000,
    maxBytesPerPartition: options.maxBytesPerPartition ?? 4 * 1024 * 1024,
    retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 2_000 },
  });
  await consumer.connect();
  await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? true });
  await consumer.run({
    autoCommit: true,
    autoCommitInterval: 200,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
      try {
        await options.eachBatch(batch, { resolveOffset, heartbeat, isRunning, isStale });
      } catch (error) {
        // kafkajs stops a consumer for good on an error it deems non-retriable (any plain
        // Error): mark it retriable so the batch is retried from its last resolved offset and,
        // past the retries, the consumer restarts instead of silently going away.
        await commitOffsetsIfNecessary().catch(() => undefined);
        throw error instanceof KafkaJSError ? error : new KafkaJSError(error as Error, { retriable: true });
      }
      await commitOffsetsIfNecessary();
    },
  });
  return {
    consumer,
    stop: async () => {
      await consumer.stop();
      await consumer.disconnect();
    },
  };
}
