import type { WebhookLane } from '../lanes/webhook-lane';

/** A task from the topic that would wait longer than this in its lane is deferred. */
const DEFER_WAIT_MS = 30_000;
/** The furthest a deferred task is pushed; a lane still backed up then defers it again. */
const MAX_DEFER_MS = 60_000;

/**
 * Whether the fan-out may hand this lane a first attempt in process: its limits are known, it is
 * not FIFO (its order is the topic's) and its next task would start within `waitLimitMs` (the
 * first-attempt wait). The fan-out commits an event's offset only once its in-process tasks are
 * recorded, so a hanging or heavily rate-limited endpoint must not delay that commit: such
 * tasks go through the topic. `alsoQueued`: tasks of this webhook the fan-out is about to hand
 * over too.
 */
export function takesHandOver(lane: WebhookLane, alsoQueued: number, waitLimitMs: number, nowMs?: number): boolean {
  // The clock is read only when the estimate is needed (this runs for every fanned-out task).
  return lane.takesLocalTasks && lane.estimatedWaitMs(nowMs ?? Date.now(), alsoQueued) <= waitLimitMs;
}

/**
 * When a task handed over in process that has not started within the first-attempt wait should
 * come back (ms since the epoch): once its lane, as it stands, would reach it; at most a minute
 * ahead. Its delivery is then written as pending, due at that time, and its event's offset is
 * released; the retry poller brings it back through the topic.
 */
export function stalledUntil(lane: WebhookLane, nowMs: number): number {
  return nowMs + Math.max(0, Math.min(lane.estimatedWaitMs(nowMs), MAX_DEFER_MS));
}

/**
 * When a task should come back rather than wait in its lane (ms since the epoch), or 0 to queue
 * it now. A task from the topic for a lane backed up for long (a dead or slow endpoint under
 * load) is not kept in memory: such a backlog would fill the in-flight budget and stall every
 * other webhook. It is deferred in PostgreSQL like a scheduled retry (no attempt counted) and
 * comes back through the retry poller. FIFO lanes keep their order: never deferred; tasks
 * handed over in process were checked by `takesHandOver`.
 */
export function deferredUntil(lane: WebhookLane, local: boolean, nowMs?: number): number {
  if (local || !lane.takesLocalTasks) return 0;
  const now = nowMs ?? Date.now();
  const waitMs = lane.estimatedWaitMs(now);
  return waitMs > DEFER_WAIT_MS ? now + Math.min(waitMs, MAX_DEFER_MS) : 0;
}
