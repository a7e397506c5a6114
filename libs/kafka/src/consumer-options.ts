import type { KafkaMessage } from 'kafkajs';
import type { Logger } from '@hookline/logging';
import type { Registry } from '@hookline/telemetry';
import type { DeadLetterSink } from './dead-letters';

export interface ConsumerContext {
  topic: string;
  partition: number;
  /**
   * Hands out every message up to and including `offset`; call the returned function once their
   * outcome is durable (only then may the offset be committed). For handlers that finish work
   * after they return (`completion: 'claimed'`).
   */
  claim(offset: string): () => void;
  /** Writes a record that can never succeed to the dead-letter table; the partition moves on. */
  deadLetter(message: KafkaMessage, error: unknown): Promise<void>;
  /**
   * Back-pressure: waits for `ready` while keeping the group membership alive; throws (ending
   * the handler, nothing claimed) when the consumer stops or loses the partition first.
   */
  until(ready: Promise<unknown>): Promise<void>;
  heartbeat(): Promise<void>;
}

export interface ConsumerOptions {
  /** Names the consumer in metrics, logs and health (e.g. `fan-out`). */
  name: string;
  groupId: string;
  topic: string;
  fromBeginning?: boolean;
  logger: Logger;
  metrics: Registry;
  /** Where poison records go; without one they are retried like transient failures (never skipped). */
  deadLetters?: DeadLetterSink;
  /**
   * Handles a chunk of fresh messages of one partition (never one handed out before). Throw a
   * PoisonRecordError (or let the database refuse a value) for a record that can never succeed:
   * the chunk is then retried one record at a time and the bad one dead-lettered; any other
   * error is retried with backoff.
   */
  handle(messages: KafkaMessage[], context: ConsumerContext): Promise<void>;
  /** 'returned' (default): a chunk is done when `handle` returns. 'claimed': the handler claims. */
  completion?: 'returned' | 'claimed';
  /** Most messages per `handle` call (default: the fetched batch). */
  chunkSize?: number;
  partitionsConsumedConcurrently?: number;
  maxWaitTimeInMs?: number;
  sessionTimeout?: number;
  maxBytesPerPartition?: number;
  /** How often lag and stuck time are checked (default 5 s). */
  progressIntervalMs?: number;
  /** Health fails once lag has not moved (or the consumer has not run) for this long (default 120 s). */
  stuckAfterMs?: number;
  /** The partitions this member owns now, and those it lost (after every group join). */
  onAssignment?(partitions: number[], lost: Set<number>): void;
  onRebalancing?(): void;
}
