import { NotFoundError } from '@hookline/errors';
import type { Logger } from '@hookline/logging';
import type { eventsV1 } from '@hookline/proto';
import type { DispatcherMetrics } from '../metrics';
import { DELIVERY_EXHAUSTED, OPERATIONAL_PREFIX, WEBHOOK_DISABLED } from '../delivery/event-types';
import type { OperationalEvents } from '../operational/operational-events';
import type { RegistryClient } from '../peers';
import { nextStep, retryAfterSeconds, DEFAULT_RETRY_SCHEDULE_SECONDS, type NextStep } from '../retry/retry-policy';
import type { RoutingView } from '../routing/routing-view';
import type { DeliveryConfigCache } from '../webhook-config/delivery-config-cache';
import type { DeliveryConfig } from '../webhook-config/delivery-config';
import type { TriggerReporter } from '../webhook-config/trigger-reporter';
import type { DeliveryOwnership } from './ownership';
import { makeAttempt, type AttemptDeps, type AttemptOutcome } from './attempt';
import type { AttemptRecorder, DeliveryUpdate } from './record';
import { WebhookLane, type QueuedTask } from './webhook-lane';

export interface SenderOptions {
  concurrencyPerWebhook: number;
  /** Tasks held (queued or sending, not yet recorded) per process; beyond this consumers wait. */
  maxInFlight: number;
  /** Platform default schedule override (HOOKLINE_RETRY_SCHEDULE_SECONDS); empty = DESIGN §4. */
  defaultScheduleSeconds: number[];
}

export interface SenderDeps extends AttemptDeps {
  view: RoutingView;
  configs: DeliveryConfigCache;
  recorder: AttemptRecorder;
  registry: RegistryClient;
  operational: OperationalEvents;
  triggers: TriggerReporter;
  metrics: DispatcherMetrics;
  logger: Logger;
  ownership: DeliveryOwnership;
}

/** How long a delivery waits when its webhook config cannot be fetched (registry down). */
const CONFIG_UNAVAILABLE_DELAY_MS = 5_000;

/**
 * A lane whose next task would wait longer than this takes no more from the fan-out: they go
 * through the topic. The fan-out commits an event's offset only once its in-process tasks are
 * recorded, so a hanging or heavily rate-limited endpoint must not hold that commit back for
 * long (a crash replays everything since it; the replay resends only undelivered deliveries).
 */
const LOCAL_WAIT_LIMIT_MS = 10_000;

/** A task from the topic that would wait longer than this in its lane is deferred (see `enqueue`). */
const DEFER_WAIT_MS = 30_000;
/** The furthest a deferred task is pushed; a lane still backed up then defers it again. */
const MAX_DEFER_MS = 60_000;

/**
 * Sends deliveries through per-webhook lanes and records every outcome. A task's `done` fires once
 * its outcome is durable (attempt row and delivery status committed): only then may the Kafka
 * offset it came from be committed.
 */
export class Sender {
  private readonly lanes = new Map<string, WebhookLane>();
  private held = 0;
  private readonly drained: (() => void)[] = [];
  private readonly roomWaiters: (() => void)[] = [];

  constructor(
    private readonly deps: SenderDeps,
    private readonly options: SenderOptions,
  ) {
    deps.configs.onInvalidate((webhookId) => {
      deps.signers.forget(webhookId);
      deps.auth.forget(webhookId);
      const lane = this.lanes.get(webhookId);
      if (lane) this.loadLimits(webhookId, lane);
    });
  }

  /** Tasks queued or being sent, not yet recorded. */
  get inFlight(): number {
    return this.held;
  }

  get full(): boolean {
    return this.held >= this.options.maxInFlight;
  }

  /** Resolves once the sender takes more work (back-pressure without polling). */
  room(): Promise<void> {
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
    this.held++;
    this.metrics.senderInFlight.set(this.held);
    // Paused or disabled per the change feed: settled here, without queueing behind the lane's
    // rate limit (deliver() checks again for a change that lands while a task waits).
    const status = this.deps.view.route(item.task.webhookId)?.status;
    if (status === 'paused' || status === 'disabled') {
      void this.settleInactive(item.task, status).finally(() => this.settled(item));
      return;
    }
    const lane = this.laneOf(item.task.webhookId);
    // A task from the topic for a lane backed up for long (a dead or slow endpoint under load) is
    // not held in memory: such a backlog would fill the in-flight budget and stall every other
    // webhook here. It is deferred in PostgreSQL like a scheduled retry (no attempt counted) and
    // comes back through the retry poller. FIFO lanes keep their order: never deferred.
    const waitMs = item.local || !lane.takesLocalTasks ? 0 : lane.estimatedWaitMs(Date.now());
    if (waitMs > DEFER_WAIT_MS) {
      this.metrics.deliveries.inc({ outcome: 'deferred' });
      void this.settleWithoutAttempt(item.task, 'pending', new Date(Date.now() + Math.min(waitMs, MAX_DEFER_MS))).finally(() => this.settled(item));
      return;
    }
    lane.push(item);
  }

  /**
   * Where a first attempt may go straight from the fan-out, skipping the round trip through the
   * deliveries topic: the webhook's partition when this instance owns it and its lane is ready,
   * not FIFO and not backed up (LOCAL_WAIT_LIMIT_MS); null when the task must be produced to the
   * topic as usual. `alsoQueued`: tasks of this webhook the caller is about to hand over too.
   */
  localPartition(task: eventsV1.DeliveryTask, alsoQueued = 0): number | null {
    const partition = this.deps.ownership.ownedPartition(task.webhookId);
    if (partition === null || this.full) return null;
    const lane = this.laneOf(task.webhookId);
    return lane.takesLocalTasks && lane.estimatedWaitMs(Date.now(), alsoQueued) <= LOCAL_WAIT_LIMIT_MS ? partition : null;
  }

  /** Drops queued, not yet started tasks of partitions this instance no longer owns; returns them. */
  dropPartitions(partitions: Set<number>): QueuedTask[] {
    const dropped: QueuedTask[] = [];
    for (const lane of this.lanes.values()) dropped.push(...lane.removeWhere((item) => partitions.has(item.partition)));
    this.release(dropped.length);
    return dropped;
  }

  private get metrics(): DispatcherMetrics {
    return this.deps.metrics;
  }

  /** The webhook's lane; a new one loads its limits (a config change reloads them, see the constructor). */
  private laneOf(webhookId: string): WebhookLane {
    let lane = this.lanes.get(webhookId);
    if (!lane) {
      lane = new WebhookLane((queued) => this.deliver(queued));
      this.lanes.set(webhookId, lane);
      this.loadLimits(webhookId, lane);
    }
    return lane;
  }

  private release(count: number): void {
    this.held -= count;
    this.metrics.senderInFlight.set(this.held);
    if (this.held === 0) this.drained.splice(0).forEach((resolve) => resolve());
    if (!this.full) this.roomWaiters.splice(0).forEach((resolve) => resolve());
  }

  /** The task's outcome is durable (or it was never attempted and needs no record). */
  private settled(item: QueuedTask): void {
    this.release(1);
    item.done();
  }

  stop(): void {
    for (const lane of this.lanes.values()) lane.stop();
  }

  private loadLimits(webhookId: string, lane: WebhookLane): void {
    lane.setLimits(null);
    this.deps.configs.get(webhookId).then(
      (config) => lane.setLimits({ concurrency: config.fifo ? 1 : this.options.concurrencyPerWebhook, rps: config.rateLimitRps, fifo: config.fifo }),
      // Unknown or unreachable: let tasks through one at a time; each settles on its own below.
      () => lane.setLimits({ concurrency: 1, rps: 100, fifo: true }),
    );
  }

  /**
   * One attempt of a task. Resolves when the webhook's lane may start another request: right
   * after the HTTP exchange — recording it (a batched PostgreSQL commit) goes on in the
   * background, and only then is the task done (`done`: its offset may be committed). Holding
   * the endpoint's concurrency slot through the commit would cap a webhook at
   * concurrency ÷ commit latency. FIFO webhooks wait for the record, to keep their order strict.
   */
  private async deliver(item: QueuedTask): Promise<void> {
    const { task } = item;
    let recording: Promise<void> | null = null;
    try {
      let config: DeliveryConfig;
      try {
        config = await this.deps.configs.get(task.webhookId);
      } catch (error) {
        if (error instanceof NotFoundError) await this.settleWithoutAttempt(task, 'failed', null);
        else {
          this.deps.logger.warn({ err: error, webhookId: task.webhookId }, 'delivery config unavailable; delivery postponed');
          await this.settleWithoutAttempt(task, 'pending', new Date(Date.now() + CONFIG_UNAVAILABLE_DELAY_MS));
        }
        return;
      }
      // Never one organization's event to another's endpoint (a test event's target is taken
      // on trust when the routing view does not know it yet).
      if (config.orgId !== task.orgId) {
        this.deps.logger.warn({ webhookId: task.webhookId, orgId: task.orgId }, 'delivery for a webhook of another organization dropped');
        await this.settleWithoutAttempt(task, 'failed', null);
        return;
      }
      // The change feed is the freshest word on status (deleted/paused apply within ~1 s).
      const status = this.deps.view.route(task.webhookId)?.status ?? config.status;
      if (status !== 'active') {
        await this.settleInactive(task, status);
        return;
      }
      const outcome = await makeAttempt(task, config, this.deps);
      recording = this.record(task, config, outcome)
        .catch((error) => this.deps.logger.error({ err: error, deliveryId: task.deliveryId }, 'recording an attempt failed unexpectedly'))
        .finally(() => this.settled(item));
      if (config.fifo) await recording;
    } catch (error) {
      this.deps.logger.error({ err: error, deliveryId: task.deliveryId }, 'delivery failed unexpectedly');
    } finally {
      if (!recording) this.settled(item);
    }
  }

  private async record(task: eventsV1.DeliveryTask, config: DeliveryConfig, outcome: AttemptOutcome): Promise<void> {
    const now = Date.now();
    const schedule = config.retryScheduleSeconds.length > 0 ? config.retryScheduleSeconds : this.defaultSchedule;
    const step = nextStep(
      {
        number: task.attempt,
        delivered: outcome.delivered,
        responseStatus: outcome.responseStatus,
        retryAfterSeconds: retryAfterSeconds(outcome.responseStatus, outcome.retryAfterHeader, now),
        manual: task.manual,
      },
      schedule,
      now,
    );
    const metrics = this.deps.metrics;
    const attemptOutcome = outcome.attempt.errorClass ?? 'success';
    metrics.attempts.inc({ outcome: attemptOutcome });
    metrics.attemptSeconds.observe({ outcome: attemptOutcome }, outcome.attempt.durationMs / 1000);
    if (task.attempt === 1 && task.publishedAtMs > 0 && outcome.responseStatus > 0) {
      metrics.endToEndSeconds.observe((outcome.attempt.startedAt.getTime() + outcome.attempt.durationMs - task.publishedAtMs) / 1000);
    }
    metrics.deliveries.inc({ outcome: step.kind === 'retry' ? 'retry_scheduled' : step.kind });

    const update: DeliveryUpdate = {
      deliveryId: task.deliveryId,
      webhookId: task.webhookId,
      orgId: task.orgId,
      status: step.kind === 'retry' ? 'pending' : step.kind,
      attemptCount: task.attempt,
      lastAttemptAt: outcome.attempt.startedAt,
      nextAttemptAt: step.kind === 'retry' ? new Date(step.atMs) : null,
      responseStatus: outcome.responseStatus || null,
      succeeded: outcome.delivered,
    };
    await this.deps.recorder.record(outcome.attempt, update);
    this.afterRecorded(task, step);
  }

  private get defaultSchedule(): number[] {
    return this.options.defaultScheduleSeconds.length > 0 ? this.options.defaultScheduleSeconds : DEFAULT_RETRY_SCHEDULE_SECONDS;
  }

  /** Consequences that must not happen before the outcome is durable; none of them block the lane. */
  private afterRecorded(task: eventsV1.DeliveryTask, step: NextStep): void {
    if (step.kind === 'delivered') this.deps.triggers.note(task.webhookId, new Date());
    if (step.kind !== 'failed') return;
    if (step.reason === 'exhausted' && !task.eventType.startsWith(OPERATIONAL_PREFIX)) {
      void this.deps.operational.publish(
        task.orgId,
        DELIVERY_EXHAUSTED,
        { delivery_id: task.deliveryId, webhook_id: task.webhookId, event_id: task.eventId, event_type: task.eventType, attempts: task.attempt },
        `exhausted:${task.deliveryId}`,
      );
    }
    if (step.reason === 'gone') void this.disable(task.orgId, task.webhookId, 'gone');
  }

  /** Disables a webhook in the registry and tells its org (once: only when it actually changed). */
  async disable(orgId: string, webhookId: string, reason: 'gone' | 'failing'): Promise<void> {
    try {
      const { changed } = await this.deps.registry.disableWebhook({ webhookId, reason }, { deadlineMs: 5_000 });
      if (changed) {
        await this.deps.operational.publish(orgId, WEBHOOK_DISABLED, { webhook_id: webhookId, reason }, `disabled:${webhookId}:${Date.now()}`);
      }
    } catch (error) {
      this.deps.logger.error({ err: error, webhookId, reason }, 'could not disable webhook');
    }
  }

  /**
   * A delivery for a webhook that is not active. Paused: held, pending with no attempt counted,
   * until the webhook is resumed (see HeldDeliveries). Any other status (disabled, deleted,
   * awaiting approval): failed without an attempt; after a disabled webhook is enabled again,
   * `recover` for the time range re-queues these.
   */
  private settleInactive(task: eventsV1.DeliveryTask, status: string): Promise<void> {
    if (status === 'paused') {
      this.deps.metrics.deliveries.inc({ outcome: 'held_paused' });
      return this.settleWithoutAttempt(task, 'pending', null, true);
    }
    this.deps.metrics.deliveries.inc({ outcome: 'skipped_inactive' });
    return this.settleWithoutAttempt(task, 'failed', null);
  }

  private settleWithoutAttempt(task: eventsV1.DeliveryTask, status: 'pending' | 'failed', nextAttemptAt: Date | null, held = false): Promise<void> {
    return this.deps.recorder.record(null, {
      deliveryId: task.deliveryId,
      webhookId: task.webhookId,
      orgId: task.orgId,
      status,
      attemptCount: task.attempt - 1,
      lastAttemptAt: null,
      nextAttemptAt,
      responseStatus: null,
      succeeded: null,
      held,
    });
  }
}
