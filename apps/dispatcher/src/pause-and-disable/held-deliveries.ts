import type { Logger } from '@hookline/logging';
import type { Pool } from 'pg';
import { releaseHeldDeliveries, webhooksWithHeldDeliveries } from '../db/delivery-store';
import type { RoutingView } from '../routing/routing-view';

/**
 * Releases the deliveries held while their webhook was paused, once the change feed shows it
 * active again: they become due now and the retry poller enqueues them for the owning
 * instance, in delivery id order (creation order), so a FIFO webhook gets them in publish order.
 * Checked every `intervalMs`; a hold recorded just after a release is caught by the next check.
 */
export class HeldDeliveries {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: Pool,
    private readonly view: RoutingView,
    private readonly logger: Logger,
    private readonly intervalMs = 1_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running = this.releaseResumed()
        .then(() => undefined)
        .catch((error) => this.logger.warn({ err: error }, 'releasing held deliveries failed; retrying'));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Returns how many deliveries were released. */
  async releaseResumed(): Promise<number> {
    const resumed = (await webhooksWithHeldDeliveries(this.pool)).filter((id) => this.view.route(id)?.status === 'active');
    if (resumed.length === 0) return 0;
    const released = await releaseHeldDeliveries(this.pool, resumed);
    if (released) this.logger.info({ webhooks: resumed.length, deliveries: released }, 'held deliveries of resumed webhooks released');
    return released;
  }
}
