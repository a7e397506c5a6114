import type { DeliveryTask } from '../model/delivery-task';
import { RateLimit } from './rate-limit';

/** A task handed to the sender: from the deliveries topic, or straight from the fan-out. */
export interface QueuedTask {
  task: DeliveryTask;
  /** The deliveries-topic partition that owns the webhook. */
  partition: number;
  /** True when handed over in process by the fan-out (it never went through the topic). */
  local: boolean;
  /** Called once the task's outcome is durable: its source may then commit past it. */
  done: () => void;
  /** When a task handed over in process was queued in its lane (see Admission.releaseStalled). */
  queuedAtMs?: number;
}

export interface LaneLimits {
  concurrency: number;
  rps: number;
  fifo: boolean;
}

/**
 * One webhook's own queue: its rate limit and concurrency cap apply here and nowhere else, so a
 * slow or dead endpoint only ever delays its own lane. FIFO webhooks run with concurrency 1.
 */
export class WebhookLane {
  private readonly queue: QueuedTask[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly rateLimit = new RateLimit(10);
  private limits: LaneLimits | null = null;
  /** Smoothed duration of one run (ms), and when each run in flight started. */
  private averageRunMs = 0;
  private readonly runsInFlight = new Set<{ startedMs: number }>();

  constructor(private readonly run: (item: QueuedTask) => Promise<void>) {}

  /** Nothing queued, nothing running. */
  get idle(): boolean {
    return this.queue.length === 0 && this.runsInFlight.size === 0;
  }

  /** Tasks wait in the queue (not yet started). */
  get hasQueued(): boolean {
    return this.queue.length > 0;
  }

  /** No send of this lane counts against its rate limit any more (see RateLimit.quiet). */
  quiet(nowMs: number): boolean {
    return this.rateLimit.quiet(nowMs);
  }

  /** Limits come with the webhook's config; until known the lane keeps its tasks queued. */
  setLimits(limits: LaneLimits | null): void {
    this.limits = limits;
    if (limits) {
      this.rateLimit.setRate(limits.rps);
      this.pump();
    }
  }

  /** Whether tasks may also arrive straight from the fan-out: known limits, not FIFO (its order is the topic's). */
  get takesLocalTasks(): boolean {
    return this.limits !== null && !this.limits.fifo;
  }

  /**
   * Roughly how long a task pushed now (after `alsoQueued` others not pushed yet) waits before
   * it starts (ms): the queue ahead of it over
   * the lane's pace, the lower of its rate limit and concurrency ÷ run time. A run in flight
   * for longer than the average (a hanging endpoint) counts with its age so far.
   */
  estimatedWaitMs(nowMs: number, alsoQueued = 0): number {
    if (!this.limits) return Infinity;
    const queued = this.queue.length + alsoQueued;
    if (queued === 0 && this.runsInFlight.size < this.limits.concurrency) return 0;
    let runMs = this.averageRunMs;
    for (const run of this.runsInFlight) runMs = Math.max(runMs, nowMs - run.startedMs);
    const perSecond = Math.min(this.limits.rps, (this.limits.concurrency * 1000) / Math.max(runMs, 1));
    return ((queued + 1) * 1000) / perSecond;
  }

  push(item: QueuedTask): void {
    this.queue.push(item);
    this.pump();
  }

  /** Removes queued (not started) tasks matching `predicate`, e.g. of a partition no longer owned; in queue order. */
  removeWhere(predicate: (item: QueuedTask) => boolean): QueuedTask[] {
    const removed: QueuedTask[] = [];
    const kept: QueuedTask[] = [];
    for (const item of this.queue) (predicate(item) ? removed : kept).push(item);
    if (removed.length > 0) this.queue.splice(0, this.queue.length, ...kept);
    return removed;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private pump(): void {
    const limits = this.limits;
    if (!limits || this.timer) return;
    while (this.queue.length > 0 && this.runsInFlight.size < limits.concurrency) {
      const waitMs = this.rateLimit.tryTake(Date.now());
      // Infinity: every rate slot is taken by a send in flight; its completion pumps again.
      if (waitMs === Infinity) return;
      if (waitMs > 0) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.pump();
        }, waitMs);
        return;
      }
      const item = this.queue.shift()!;
      const run = { startedMs: Date.now() };
      this.runsInFlight.add(run);
      void this.run(item).finally(() => {
        const now = Date.now();
        this.runsInFlight.delete(run);
        const runMs = now - run.startedMs;
        this.averageRunMs = this.averageRunMs === 0 ? runMs : this.averageRunMs * 0.8 + runMs * 0.2;
        this.rateLimit.release(now);
        this.pump();
      });
    }
  }
}
