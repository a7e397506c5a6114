import type { Logger } from '@hookline/logging';
import type { Database } from '@hookline/db';
import { claimDueDeliveries, countScheduledRetries, markEnqueued, taskFor } from '../db/delivery-store';
import type { DeliveryTaskQueue } from '../admission/task-queue';
import type { DispatcherMetrics } from '../metrics';

const CLAIM_BATCH = 200;
/**
 * The depth gauge counts every waiting retry, a scan that grows with the backlog, so it runs
 * twice a minute, not every few seconds (a gauge, not a control input).
 */
const DEPTH_INTERVAL_MS = 30_000;

/**
 * Moves due retries (and manual retries) from PostgreSQL back onto the deliveries topic, where
 * the instance owning the webhook admits them, so rate limits and concurrency apply to retries too.
 * Claim, produce and release happen in one transaction: a crash in between leaves the rows
 * due (enqueued again later: at-least-once), and `SKIP LOCKED` keeps instances apart.
 */
export class RetryPoller {
  private timer: NodeJS.Timeout | null = null;
  private depthTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly db: Pick<Database, 'pool' | 'transaction'>,
    private readonly queue: DeliveryTaskQueue,
    private readonly metrics: DispatcherMetrics,
    private readonly logger: Logger,
    private readonly pollMs: number,
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.pollUntilEmpty()
        .catch((error) => this.logger.error({ err: error }, 'retry poll failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
        });
    };
    tick();
    const depth = () =>
      countScheduledRetries(this.db.pool)
        .then((depth) => this.metrics.retryQueueDepth.set(depth))
        .catch(() => undefined);
    void depth();
    this.depthTimer = setInterval(() => void depth(), DEPTH_INTERVAL_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.depthTimer) clearInterval(this.depthTimer);
    await this.running;
  }

  private async pollUntilEmpty(): Promise<void> {
    while (!this.stopped && (await this.pollOnce()) === CLAIM_BATCH);
  }

  /** Returns how many deliveries were enqueued. */
  pollOnce(): Promise<number> {
    return this.db.transaction(async (client) => {
      const claimed = await claimDueDeliveries(client, CLAIM_BATCH);
      if (claimed.length > 0) {
        await this.queue.enqueue(claimed.filter((row) => row.status === 'pending').map(taskFor));
        await markEnqueued(
          client,
          claimed.map((row) => row.id),
        );
      }
      return claimed.length;
    });
  }
}
