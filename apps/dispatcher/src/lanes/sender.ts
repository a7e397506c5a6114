import { shielded } from '@hookline/logging';
import type { DeliveryTask } from '../delivery/delivery-task';
import type { DeliveryConfig } from '../webhook-config/delivery-config';
import { deliverTask, type DeliverDeps } from '../deliver/deliver-task';
import { DEFAULT_RETRY_SCHEDULE_SECONDS } from '../deliver/retry-policy';
import { settleInactive, settleWithoutAttempt } from '../record/settle';
import { deferredUntil, stalledUntil, takesHandOver } from './handoff';
import type { DeliveryOwnership } from './ownership';
import { HeldTasks } from './held-tasks';
import { WebhookLane, type QueuedTask } from './webhook-lane';

/** Held tasks (× maxInFlight) beyond which the fan-out's hand-over is refused. */
const HAND_OVER_CEILING = 2;

export interface SenderOptions {
  concurrencyPerWebhook: number;
  /** Tasks held (queued or sending, not yet recorded) per process; beyond this consumers wait. */
  maxInFlight: number;
  /** Platform default schedule override (HOOKLINE_RETRY_SCHEDULE_SECONDS); empty = DESIGN §4. */
  defaultScheduleSeconds: number[];
  /**
   * How long a task handed over in process may wait in its lane before its delivery is written
   * as pending instead (releasing its event's offset); also the most a lane may be backed up to
   * take a hand-over at all (HOOKLINE_FIRST_ATTEMPT_WAIT_MS).
   */
  firstAttemptWaitMs: number;
  /** How often lanes of deleted or quiet webhooks are dropped. */
  laneSweepMs?: number;
}

export interface SenderDeps extends Omit<DeliverDeps, 'defaultScheduleSeconds'> {
  ownership: DeliveryOwnership;
}

/**
 * Holds the in-flight budget and one lane per webhook; each task runs through `deliverTask`.
 * A task's `done` fires once its outcome is durable (attempt row and delivery status
 * committed): only then may the Kafka offset it came from be committed.
 */
export class Sender {
  private readonly lanes = new Map<string, WebhookLane>();
  private held = 0;
  /** Duplicate guard: an attempt held or just recorded is not sent a second time. */
  private readonly attempts = new HeldTasks();
  private readonly drained: (() => void)[] = [];
  private readonly roomWaiters: (() => void)[] = [];
  private readonly deliverDeps: DeliverDeps;
  private readonly sweep: NodeJS.Timeout;
  private readonly stalledSweep: NodeJS.Timeout;

  constructor(
    private readonly deps: SenderDeps,
    private readonly options: SenderOptions,
  ) {
    const defaultScheduleSeconds = options.defaultScheduleSeconds.length > 0 ? options.defaultScheduleSeconds : DEFAULT_RETRY_SCHEDULE_SECONDS;
    this.deliverDeps = { ...deps, defaultScheduleSeconds };
    deps.configs.onInvalidate((webhookId) => {
      deps.signers.forget(webhookId);
      deps.auth.forget(webhookId);
      const lane = this.lanes.get(webhookId);
      if (lane) this.loadLimits(webhookId, lane);
    });
    this.sweep = setInterval(shielded(deps.logger, 'lane sweep', () => this.evictLanes(Date.now())), options.laneSweepMs ?? 30_000);
    this.sweep.unref();
    this.stalledSweep = setInterval(shielded(deps.logger, 'stalled first attempts', () => this.releaseStalled(Date.now())), Math.max(10, Math.floor(options.firstAttemptWaitMs / 4)));
    this.stalledSweep.unref();
  }

  /** Tasks queued or being sent, not yet recorded (what a stop now may leave to be sent again). */
  get inFlight(): number {
    return this.held;
  }

  get full(): boolean {
    return this.held >= this.options.maxInFlight;
  }

  /** Resolves once the sender takes more work (back-pressure without polling). */
  whenRoom(): Promise<void> {
    if (!this.full) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /**
   * Resolves once nothing is in flight, or after `graceMs` at the latest: a hanging endpoint must
   * not keep the process from stopping (what is not recorded is replayed after a restart).
   */
  async drain(graceMs: number): Promise<void> {
    if (this.held === 0) return;
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([new Promise<void>((resolve) => this.drained.push(resolve)), new Promise((resolve) => (grace = setTimeout(resolve, graceMs)))]);
    // A pending grace timer would keep the process (or a Jest worker) alive after stop.
    clearTimeout(grace);
  }

  enqueue(item: QueuedTask): void {
    if (!this.attempts.admit(item.task)) {
      this.deps.metrics.replaysSkipped.inc();
      item.done();
      return;
    }
    this.held++;
    this.deps.metrics.senderInFlight.set(this.held);
    // Paused or disabled per the change feed: settled here, without queueing behind the lane's
    // rate limit (deliverTask checks again for a change that lands while a task waits).
    const status = this.deps.view.route(item.task.webhookId)?.status;
    if (status === 'paused' || status === 'disabled') {
      void settleInactive(this.deps.recorder, this.deps.metrics, item.task, status).finally(() => this.settled(item));
      return;
    }
    const lane = this.laneOf(item.task.webhookId);
    const deferUntilMs = deferredUntil(lane, item.local);
    if (deferUntilMs > 0) {
      this.deps.metrics.deliveries.inc({ outcome: 'deferred' });
      void settleWithoutAttempt(this.deps.recorder, item.task, 'pending', new Date(deferUntilMs)).finally(() => this.settled(item));
      return;
    }
    lane.push(item.local ? { ...item, queuedAtMs: Date.now() } : item);
  }

  /**
   * Where a first attempt may go straight from the fan-out, skipping the round trip through the
   * deliveries topic: the webhook's partition when this instance owns it and its lane takes the
   * hand-over (see handoff.ts); null when the task must be produced to the topic as usual.
   * `alsoQueued`: tasks of this webhook the caller is about to hand over too.
   */
  localPartition(task: DeliveryTask, alsoQueued = 0): number | null {
    const partition = this.deps.ownership.ownedPartition(task.webhookId);
    // Not `full`: the fan-out waits for room before each slice, and the slices already past that
    // wait when the sender filled up still hand over — through the topic their tasks would come
    // back to this same sender, after a produce, a fetch and a lookup each (with more deliveries
    // outstanding than the bound, most first attempts took that detour). Twice the bound is the
    // memory ceiling.
    if (partition === null || this.held >= HAND_OVER_CEILING * this.options.maxInFlight) return null;
    return takesHandOver(this.laneOf(task.webhookId), alsoQueued, this.options.firstAttemptWaitMs) ? partition : null;
  }

  /**
   * Tasks handed over in process that have waited in their lane past the first-attempt wait (the
   * lane slowed down after it took them): their deliveries are written as pending, due when the
   * lane would have reached them, which releases their events' offsets — a slow endpoint never
   * holds back a partition of the events topic, nor grows what a crash would replay.
   */
  releaseStalled(nowMs: number): void {
    const startedBy = nowMs - this.options.firstAttemptWaitMs;
    for (const lane of this.lanes.values()) {
      if (!lane.hasQueued) continue;
      const stalled = lane.removeWhere((item) => item.local && (item.queuedAtMs ?? nowMs) <= startedBy);
      if (stalled.length === 0) continue;
      const due = new Date(stalledUntil(lane, nowMs));
      this.deps.metrics.deliveries.inc({ outcome: 'deferred' }, stalled.length);
      for (const item of stalled) void settleWithoutAttempt(this.deps.recorder, item.task, 'pending', due).finally(() => this.settled(item));
    }
  }

  /** Drops queued, not yet started tasks of partitions this instance no longer owns; returns them. */
  dropPartitions(partitions: Set<number>): QueuedTask[] {
    const dropped: QueuedTask[] = [];
    for (const lane of this.lanes.values()) dropped.push(...lane.removeWhere((item) => partitions.has(item.partition)));
    for (const item of dropped) this.attempts.release(item.task);
    this.release(dropped.length);
    return dropped;
  }

  stop(): void {
    clearInterval(this.sweep);
    clearInterval(this.stalledSweep);
    for (const lane of this.lanes.values()) lane.stop();
  }

  /**
   * Drops the lanes nothing needs: idle ones of deleted webhooks, and idle ones whose rate window
   * is empty (a new lane for the webhook starts with the same state), so the map does not grow
   * with every webhook ever seen.
   */
  evictLanes(nowMs: number): void {
    for (const [webhookId, lane] of this.lanes) {
      if (lane.idle && (lane.quiet(nowMs) || this.deps.view.route(webhookId)?.status === 'deleted')) {
        lane.stop();
        this.lanes.delete(webhookId);
      }
    }
  }

  /** How many webhooks have a lane now. */
  get laneCount(): number {
    return this.lanes.size;
  }

  /** One lane's run: one attempt of its task (see deliverTask). */
  private readonly run = (item: QueuedTask): Promise<void> => deliverTask(item, this.deliverDeps, this.settled);

  /** The task's outcome is durable (or it was never attempted and needs no record). */
  private readonly settled = (item: QueuedTask, recorded = false): void => {
    this.attempts.release(item.task, recorded);
    this.release(1);
    item.done();
  };

  /** The webhook's lane; a new one loads its limits (a config change reloads them, see the constructor). */
  private laneOf(webhookId: string): WebhookLane {
    let lane = this.lanes.get(webhookId);
    if (!lane) {
      lane = new WebhookLane(this.run);
      this.lanes.set(webhookId, lane);
      this.loadLimits(webhookId, lane);
    }
    return lane;
  }

  private release(count: number): void {
    this.held -= count;
    this.deps.metrics.senderInFlight.set(this.held);
    if (this.held === 0) this.drained.splice(0).forEach((resolve) => resolve());
    if (!this.full) this.roomWaiters.splice(0).forEach((resolve) => resolve());
  }

  private loadLimits(webhookId: string, lane: WebhookLane): void {
    const limitsOf = (config: DeliveryConfig) => ({ concurrency: config.fifo ? 1 : this.options.concurrencyPerWebhook, rps: config.rateLimitRps, fifo: config.fifo });
    // A config fetched already applies at once: a lane made again for a known webhook (after a
    // quiet spell swept it) takes the fan-out's hand-over from its first task.
    const known = this.deps.configs.peek(webhookId);
    if (known) {
      lane.setLimits(limitsOf(known));
      return;
    }
    lane.setLimits(null);
    this.deps.configs.get(webhookId).then(
      (config) => lane.setLimits(limitsOf(config)),
      // Unknown or unreachable: let tasks through one at a time; each settles on its own below.
      () => lane.setLimits({ concurrency: 1, rps: 100, fifo: true }),
    );
  }
}
