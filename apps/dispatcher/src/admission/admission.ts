import { shielded, type Logger } from '@hookline/logging';
import type { LaneScheduler } from '../lanes/lane-scheduler';
import type { QueuedTask } from '../lanes/webhook-lane';
import type { DispatcherMetrics } from '../metrics';
import type { AdmissionGate } from '../model/admission-gate';
import type { DeliveryTask } from '../model/delivery-task';
import type { AttemptRecorder } from '../record/attempt-recorder';
import { settleInactive, settleWithoutAttempt } from '../record/settle';
import type { RoutingView } from '../routing/routing-view';
import { DuplicateGuard } from './duplicate-guard';
import { deferredUntil, stalledUntil, takesHandOver } from './handoff';
import type { DeliveryOwnership } from './ownership';

/** Tasks in flight (× maxInFlight) beyond which the fan-out's hand-over is refused. */
const HAND_OVER_CEILING = 2;

export interface AdmissionDeps {
  lanes: LaneScheduler;
  ownership: DeliveryOwnership;
  /** The change feed's word on a webhook's status: the freshest there is. */
  view: Pick<RoutingView, 'route'>;
  recorder: Pick<AttemptRecorder, 'record'>;
  metrics: Pick<DispatcherMetrics, 'inFlight' | 'deliveries' | 'replaysSkipped'>;
  logger: Logger;
}

export interface AdmissionOptions {
  /** Tasks in flight (admitted, not yet settled) per process; beyond this consumers wait. */
  maxInFlight: number;
  /**
   * How long a task handed over in process may wait in its lane before its delivery is written
   * as pending instead (releasing its event's offset); also the most a lane may be backed up to
   * take a hand-over at all (HOOKLINE_FIRST_ATTEMPT_WAIT_MS).
   */
  firstAttemptWaitMs: number;
}

/**
 * The way into the lanes, for tasks from the deliveries topic and from the fan-out alike. A task
 * passes the duplicate guard (one attempt is never sent twice at once), counts against the
 * in-flight budget, passes the inactive-webhook gate (paused: held; disabled or deleted: failed,
 * without an attempt) and is deferred to PostgreSQL when its lane is backed up for long; then it
 * is queued in its webhook's lane. A task's `done` fires once it is settled — its outcome durable
 * (attempt row and delivery status committed), or settled without an attempt: only then may the
 * Kafka offset it came from be committed.
 */
export class Admission implements AdmissionGate<QueuedTask> {
  private inFlightCount = 0;
  private readonly guard = new DuplicateGuard();
  private readonly drained: (() => void)[] = [];
  private readonly roomWaiters: (() => void)[] = [];
  private readonly stalledSweep: NodeJS.Timeout;

  constructor(
    private readonly deps: AdmissionDeps,
    private readonly options: AdmissionOptions,
  ) {
    this.stalledSweep = setInterval(shielded(deps.logger, 'stalled first attempts', () => this.releaseStalled(Date.now())), Math.max(10, Math.floor(options.firstAttemptWaitMs / 4)));
    this.stalledSweep.unref();
  }

  /** Tasks admitted and not yet settled (what a stop now may leave to be sent again). */
  get inFlight(): number {
    return this.inFlightCount;
  }

  get full(): boolean {
    return this.inFlightCount >= this.options.maxInFlight;
  }

  /** Resolves once more tasks are admitted (back-pressure without polling). */
  whenRoom(): Promise<void> {
    if (!this.full) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /**
   * Resolves once nothing is in flight, or after `graceMs` at the latest: a hanging endpoint must
   * not keep the process from stopping (what is not recorded is replayed after a restart).
   */
  async drain(graceMs: number): Promise<void> {
    if (this.inFlightCount === 0) return;
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([new Promise<void>((resolve) => this.drained.push(resolve)), new Promise((resolve) => (grace = setTimeout(resolve, graceMs)))]);
    // A pending grace timer would keep the process (or a Jest worker) alive after stop.
    clearTimeout(grace);
  }

  admit(item: QueuedTask): void {
    if (!this.guard.admit(item.task)) {
      this.deps.metrics.replaysSkipped.inc();
      item.done();
      return;
    }
    this.inFlightCount++;
    this.deps.metrics.inFlight.set(this.inFlightCount);
    // Settled here, without queueing behind the lane's rate limit; the run passes the gate again
    // (a change may land while the task waits).
    const inactive = this.settleIfInactive(item.task);
    if (inactive) {
      void inactive.finally(() => this.settled(item));
      return;
    }
    const lane = this.deps.lanes.laneOf(item.task.webhookId);
    const deferUntilMs = deferredUntil(lane, item.local);
    if (deferUntilMs > 0) {
      this.deps.metrics.deliveries.inc({ outcome: 'deferred' });
      void settleWithoutAttempt(this.deps.recorder, item.task, 'pending', new Date(deferUntilMs)).finally(() => this.settled(item));
      return;
    }
    lane.push(item.local ? { ...item, queuedAtMs: Date.now() } : item);
  }

  /**
   * The inactive-webhook gate, passed on admission and again when the task's run starts. The
   * change feed's status comes first; `configStatus` (the registry's, known once the run has the
   * webhook's config) stands in for a webhook the feed does not know yet. Not active: the task is
   * settled without an attempt (see settleInactive) and the returned promise resolves once that is
   * recorded; null when the webhook may receive the attempt.
   */
  settleIfInactive(task: DeliveryTask, configStatus?: string): Promise<void> | null {
    const status = this.deps.view.route(task.webhookId)?.status ?? configStatus;
    if (status === undefined || status === 'active') return null;
    return settleInactive(this.deps.recorder, this.deps.metrics, task, status);
  }

  /** The task is settled: its outcome is durable, or it was never attempted and needs no record. */
  readonly settled = (item: QueuedTask, recorded = false): void => {
    this.guard.release(item.task, recorded);
    this.release(1);
    item.done();
  };

  /**
   * Where a first attempt may go straight from the fan-out, skipping the round trip through the
   * deliveries topic: the webhook's partition when this instance owns it and its lane takes the
   * hand-over (see handoff.ts); null when the task must be produced to the topic as usual.
   * `alsoQueued`: tasks of this webhook the caller is about to hand over too.
   */
  localPartition(task: DeliveryTask, alsoQueued = 0): number | null {
    const partition = this.deps.ownership.ownedPartition(task.webhookId);
    // Not `full`: the fan-out waits for room before each slice, and the slices already past that
    // wait when admission filled up still hand over — through the topic their tasks would come
    // back to this same process, after a produce, a fetch and a lookup each. Twice the bound is
    // the memory ceiling.
    if (partition === null || this.inFlightCount >= HAND_OVER_CEILING * this.options.maxInFlight) return null;
    return takesHandOver(this.deps.lanes.laneOf(task.webhookId), alsoQueued, this.options.firstAttemptWaitMs) ? partition : null;
  }

  /**
   * Tasks handed over in process that have waited in their lane past the first-attempt wait (the
   * lane slowed down after it took them): their deliveries are written as pending, due when the
   * lane would have reached them, which releases their events' offsets — a slow endpoint never
   * delays a partition of the events topic, nor grows what a crash would replay.
   */
  releaseStalled(nowMs: number): void {
    const startedBy = nowMs - this.options.firstAttemptWaitMs;
    for (const { lane, removed } of this.deps.lanes.removeQueued((item) => item.local && (item.queuedAtMs ?? nowMs) <= startedBy)) {
      const due = new Date(stalledUntil(lane, nowMs));
      this.deps.metrics.deliveries.inc({ outcome: 'deferred' }, removed.length);
      for (const item of removed) void settleWithoutAttempt(this.deps.recorder, item.task, 'pending', due).finally(() => this.settled(item));
    }
  }

  /** Takes the queued, not yet started tasks of partitions this instance no longer owns out of their lanes; returns them. */
  dropPartitions(partitions: Set<number>): QueuedTask[] {
    const dropped: QueuedTask[] = [];
    for (const { removed } of this.deps.lanes.removeQueued((item) => partitions.has(item.partition))) dropped.push(...removed);
    for (const item of dropped) this.guard.release(item.task);
    this.release(dropped.length);
    return dropped;
  }

  stop(): void {
    clearInterval(this.stalledSweep);
  }

  private release(count: number): void {
    this.inFlightCount -= count;
    this.deps.metrics.inFlight.set(this.inFlightCount);
    if (this.inFlightCount === 0) this.drained.splice(0).forEach((resolve) => resolve());
    if (!this.full) this.roomWaiters.splice(0).forEach((resolve) => resolve());
  }
}
