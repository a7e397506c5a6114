import { startBatchConsumer, type Kafka, type RunningConsumer } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { eventsV1 } from '@hookline/proto';
import type { RoutingView } from './routing-view';

export interface ChangeFeedOptions {
  topic: string;
  /** Unique per instance: every dispatcher must see every change, not a share of them. */
  groupId: string;
  logger: Logger;
}

/**
 * Follows the registry's compacted change feed from the beginning into the routing view. Each
 * instance uses its own consumer group, so each reads all changes (within ~100 ms of commit).
 */
export async function followWebhookChanges(kafka: Kafka, view: RoutingView, options: ChangeFeedOptions): Promise<RunningConsumer> {
  return startBatchConsumer(kafka, {
    groupId: options.groupId,
    topics: [options.topic],
    fromBeginning: true,
    logger: options.logger,
    maxWaitTimeInMs: 500,
    eachBatch: async (batch, { resolveOffset }) => {
      for (const message of batch.messages) {
        // A null value is a compaction tombstone: nothing to apply.
        if (message.value && message.value.length > 0) {
          const change = eventsV1.WebhookChange.decode(message.value);
          view.apply({
            webhookId: change.webhookId,
            orgId: change.orgId,
            status: change.change === 'deleted' ? 'deleted' : change.status,
            eventTypes: change.eventTypes,
            version: Number(change.version),
          });
        }
        resolveOffset(message.offset);
      }
    },
  });
}

/** Best effort: a per-instance group is useless once the instance stops. */
export async function deleteChangeFeedGroup(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteGroups([groupId]);
  } catch {
    // The broker may still see the member for a moment; the empty group expires on its own.
  } finally {
    await admin.disconnect();
  }
}
