import { PoisonRecordError, startConsumer, type DeadLetterSink, type Kafka, type RunningConsumer } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { eventsV1 } from '@hookline/proto';
import type { Registry } from '@hookline/telemetry';
import type { RoutingView } from './routing-view';

export interface ChangeFeedOptions {
  topic: string;
  /** Unique per instance: every dispatcher must see every change, not a share of them. */
  groupId: string;
  logger: Logger;
  metrics: Registry;
  deadLetters: DeadLetterSink;
  /** How often the feed's end is compared with what the view has applied. */
  checkIntervalMs: number;
  /** Health fails once the view has not been shown fresh for this long. */
  stuckAfterMs: number;
}

/**
 * How far behind an event's publication the view's last proof of freshness may be: the feed
 * is checked every `checkIntervalMs`, and waiting for a check newer than each event would add
 * that much latency to every delivery. A feed that stops or lags fails the proof within this.
 */
const FRESHNESS_TOLERANCE_MS = 2_000;

/**
 * One record of the registry's change feed: a webhook's route as of a version (`change` says
 * created, updated, deleted, …). On the wire it is the proto message `eventsV1.WebhookChange`; it
 * is unrelated to the registry's approval payload of that name (a change a person asks for).
 */
export type RouteChange = eventsV1.WebhookChange;

export function encodeRouteChange(change: RouteChange): Buffer {
  return Buffer.from(eventsV1.WebhookChange.encode(change).finish());
}

export function decodeRouteChange(bytes: Uint8Array): RouteChange {
  return eventsV1.WebhookChange.decode(bytes);
}

/** The routing view's source of changes, and the proof that the view is fresh. */
export class ChangeFeed {
  private constructor(readonly consumer: RunningConsumer) {}

  /**
   * Follows the registry's compacted change feed from the beginning into the routing view. Each
   * instance uses its own consumer group, so each reads all changes (within ~100 ms of commit).
   */
  static async follow(kafka: Kafka, view: RoutingView, options: ChangeFeedOptions): Promise<ChangeFeed> {
    const consumer = await startConsumer(kafka, {
      name: 'change-feed',
      groupId: options.groupId,
      topic: options.topic,
      fromBeginning: true,
      logger: options.logger,
      metrics: options.metrics,
      deadLetters: options.deadLetters,
      progressIntervalMs: options.checkIntervalMs,
      stuckAfterMs: options.stuckAfterMs,
      handle: async (messages, { deadLetter }) => {
        for (const message of messages) {
          // A null value is a compaction tombstone: nothing to apply.
          if (!message.value || message.value.length === 0) continue;
          let change: RouteChange;
          try {
            change = decodeRouteChange(message.value);
          } catch (error) {
            await deadLetter(message, new PoisonRecordError('undecodable webhook change', { cause: error }));
            continue;
          }
          // No webhook id or org could hold a NUL (the registry stores them in PostgreSQL).
          if (!change.webhookId || [change.webhookId, change.orgId, change.status, ...change.eventTypes].some((text) => text.includes('\0'))) {
            await deadLetter(message, new PoisonRecordError(`invalid webhook change ${JSON.stringify(change.webhookId)}`));
            continue;
          }
          try {
            view.apply({
              webhookId: change.webhookId,
              orgId: change.orgId,
              status: change.change === 'deleted' ? 'deleted' : change.status,
              eventTypes: change.eventTypes,
              version: Number(change.version),
              filterJson: change.filterJson,
            });
          } catch (error) {
            // Only a filter the registry would never have accepted fails to compile.
            await deadLetter(message, new PoisonRecordError(`webhook change ${JSON.stringify(change.webhookId)} carries an invalid filter`, { cause: error }));
          }
        }
      },
    });
    return new ChangeFeed(consumer);
  }

  /**
   * Whether the view can route an event published at `publishedAtMs`: the feed's consumer runs
   * and was last seen at the feed's end no earlier than the tolerance before the event.
   */
  isFreshFor(publishedAtMs: number): boolean {
    return this.consumer.state === 'running' && this.consumer.progress.caughtUpAt >= publishedAtMs - FRESHNESS_TOLERANCE_MS;
  }

  /** Resolves at the next freshness check. */
  nextCheck(): Promise<void> {
    return this.consumer.progress.nextCheck();
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }
}
