import { startBatchConsumer, type Kafka, type RunningConsumer } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
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
  onArchived?: (count: number) => void;
}

/**
 * Copies the events topic into PostgreSQL: batched inserts, idempotent on the event id, and
 * offsets resolved only after the rows are committed, so a crash replays rather than loses.
 */
export function startArchiveConsumer(options: ArchiveConsumerOptions): Promise<RunningConsumer> {
  return startBatchConsumer(options.kafka, {
    groupId: options.groupId,
    topics: [options.topic],
    logger: options.logger,
    maxWaitTimeInMs: 500,
    eachBatch: async (batch, { resolveOffset, heartbeat, isRunning, isStale }) => {
      for (let start = 0; start < batch.messages.length; start += INSERT_CHUNK) {
        if (!isRunning() || isStale()) return;
        const chunk = batch.messages.slice(start, start + INSERT_CHUNK);
        const events: Event[] = [];
        for (const message of chunk) {
          try {
            if (message.value) events.push(decodeEventMessage(message.value));
          } catch (error) {
            // A message that is not an Event cannot become one by retrying: skip it, loudly.
            options.logger.error({ err: error, partition: batch.partition, offset: message.offset }, 'undecodable event skipped');
          }
        }
        await options.archive.insert(events);
        resolveOffset(chunk[chunk.length - 1].offset);
        options.onArchived?.(events.length);
        await heartbeat();
      }
    },
  });
}
