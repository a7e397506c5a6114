import { PoisonRecordError, startConsumer, type DeadLetterSink, type Kafka, type RunningConsumer } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import type { Registry } from '@hookline/telemetry';
import type { EventArchive } from '../db/event-archive';
import type { Event } from '../events/event';
import { decodeEventMessage } from '../events/event-message';

const INSERT_CHUNK = 1_000;

export interface ArchiveConsumerOptions {
  kafka: Kafka;
  topic: string;
  /** Per topic prefix, so isolated installations on one cluster do not share a group. */
  groupId: string;
  archive: EventArchive;
  logger: Logger;
  metrics: Registry;
  deadLetters: DeadLetterSink;
  progressIntervalMs?: number;
  stuckAfterMs?: number;
  onArchived?: (count: number) => void;
}

/**
 * Copies the events topic into PostgreSQL: batched inserts, idempotent on the event id, and
 * offsets completed only after the rows are committed, so a crash replays rather than loses.
 * An undecodable message, or an event the database refuses, is dead-lettered.
 */
export function startArchiveConsumer(options: ArchiveConsumerOptions): Promise<RunningConsumer> {
  return startConsumer(options.kafka, {
    name: 'event-archive',
    groupId: options.groupId,
    topic: options.topic,
    logger: options.logger,
    metrics: options.metrics,
    deadLetters: options.deadLetters,
    progressIntervalMs: options.progressIntervalMs,
    stuckAfterMs: options.stuckAfterMs,
    chunkSize: INSERT_CHUNK,
    handle: async (messages, { deadLetter }) => {
      const events: Event[] = [];
      for (const message of messages) {
        if (!message.value) continue;
        try {
          events.push(decodeEventMessage(message.value));
        } catch (error) {
          await deadLetter(message, new PoisonRecordError('undecodable event', { cause: error }));
        }
      }
      await options.archive.insert(events);
      options.onArchived?.(events.length);
    },
  });
}
