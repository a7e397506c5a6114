import type { eventsV1 } from '@hookline/proto';
import { RateLimit } from './rate-limit';

/** A task as handed over by the sender consumer, with where it came from (for the offset). */
export interface QueuedTask {
  task: eventsV1.DeliveryTask;
  partition: number;
  offset: string;
}

export interface LaneLimits {
  concurrency: number;
  rps: number;
}

/**
 * One webhook's own queue: its rate limit and concurrency cap apply here and nowhere else, so a
 * slow or dead endpoint only ever holds up its own lane. FIFO webhooks run with concurrency 1.
 */
export class WebhookLane {
  private readonly queue: QueuedTask[] = [];
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly rateLimit = new RateLimit(10);
  private limits: LaneLimits | null = null;

  constructor(private readonly run: (item: QueuedTask) => Promise<void>) {}

  get idle(): boolean {
    return this.queue.length === 0 && this.inFlight === 0;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Limits come with the webhook's config; until known the lane holds its tasks. */
  setLimits(limits: LaneLimits | null): void {
    this.limits = limits;
    if (limits) {
      this.rateLimit.setRate(limits.rps);
      this.pump();
    }
  }

  get hasLimits(): boolean {
    return this.limits !== null;
  }

  push(item: QueuedTask): void {
    this.queue.push(item);
    this.pump();
  }

  /** Removes queued (not started) tasks matching `predicate`, e.g. of a partition no longer owned. */
  removeWhere(predicate: (item: QueuedTask) => boolean): QueuedTask[] {
    const removed: QueuedTask[] = [];
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (predicate(this.queue[i])) removed.push(...this.queue.splice(i, 1));
    }
    return removed;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private pump(): void {
    const limits = this.limits;
    if (!limits || this.timer) return;
    while (this.queue.length > 0 && this.inFlight < limits.concurrency) {
      const waitMs = this.rateLimit.tryTake(Date.now());
      // Infinity: every rate slot is held by a send in flight; its completion pumps again.
      if (waitMs === Infinity) return;
      if (waitMs > 0) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.pump();
        }, waitMs);
        return;
      }
      const item = this.queue.shift()!;
      this.inFlight++;
      void this.run(item).finally(() => {
        this.rateLimit.release(Date.now());
        this.inFlight--;
        this.pump();
      });
    }
  }
}
