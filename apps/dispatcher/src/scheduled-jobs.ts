import type { Database } from '@hookline/db';
import type { Logger } from '@hookline/logging';
import type { DispatcherConfig } from './config';
import type { DeliveryTaskQueue } from './admission/task-queue';
import type { DispatcherMetrics } from './metrics';
import { scheduleDeliveryRetention } from './retention/prune-deliveries';
import type { WebhookDisabler } from './pause-and-disable/disable-webhook';
import { FailingWebhooks } from './pause-and-disable/failing-webhooks';
import { HeldDeliveries } from './pause-and-disable/held-deliveries';
import { EventBodies, type EnvelopeSource } from './retry/event-bodies';
import { RetryPoller } from './retry/retry-poller';
import type { RoutingView } from './routing/routing-view';
import { startStatsRollup } from './stats/stats-rollup';

export interface ScheduledJobsDeps {
  db: Database;
  view: RoutingView;
  queue: DeliveryTaskQueue;
  disabler: WebhookDisabler;
  /** Ingestion's archive: the event bodies of every attempt after the first. */
  ingestion: EnvelopeSource;
  metrics: DispatcherMetrics;
  logger: Logger;
}

/**
 * The dispatcher's timed work beside its consumers: due retries back onto the deliveries topic,
 * held deliveries released once their webhook is active again, failing webhooks disabled,
 * old deliveries pruned and the delivery stats rolled up.
 */
export function startScheduledJobs({ db, view, queue, ingestion, disabler, metrics, logger }: ScheduledJobsDeps, config: DispatcherConfig): { stop(): Promise<void> } {
  const retries = new RetryPoller(db, queue, new EventBodies(ingestion), metrics, logger, config.HOOKLINE_RETRY_POLL_MS);
  retries.start();
  const held = new HeldDeliveries(db.pool, view, logger);
  held.start();
  const retention = scheduleDeliveryRetention(db.pool, {
    retentionDays: config.HOOKLINE_DELIVERY_RETENTION_DAYS,
    intervalMs: config.HOOKLINE_DELIVERY_RETENTION_INTERVAL_MS,
    logger,
  });
  const failing = new FailingWebhooks(db.pool, (orgId, webhookId) => disabler.disable(orgId, webhookId, 'failing'), config.HOOKLINE_DISABLE_FAILING_AFTER_SECONDS, logger);
  failing.start();
  const statsRollup = startStatsRollup(db.pool, config.HOOKLINE_STATS_REFRESH_MS, (error) => logger.warn({ err: error }, 'delivery stats refresh failed'));

  return {
    stop: async () => {
      failing.stop();
      await statsRollup.stop();
      await retries.stop();
      await held.stop();
      await retention.stop();
    },
  };
}
