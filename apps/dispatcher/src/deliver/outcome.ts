import type { DeliveryTask } from '../model/delivery-task';
import { originOf, type DeliveryUpdate } from '../model/attempt-row';
import type { NextStep } from '../model/next-step';
import type { DispatcherMetrics } from '../metrics';
import type { AttemptOutcome } from './attempt';
import { nextStep, retryAfterSeconds } from './retry-policy';

/** Where a delivery goes after this attempt, by the retry policy and the endpoint's Retry-After. */
export function nextStepAfter(task: DeliveryTask, outcome: AttemptOutcome, scheduleSeconds: readonly number[], nowMs: number): NextStep {
  return nextStep(
    {
      number: task.attempt,
      delivered: outcome.delivered,
      responseStatus: outcome.responseStatus,
      retryAfterSeconds: retryAfterSeconds(outcome.responseStatus, outcome.retryAfterHeader, nowMs),
      manual: task.manual,
    },
    scheduleSeconds,
    nowMs,
  );
}

/** The delivery's row after this attempt. */
export function deliveryUpdate(task: DeliveryTask, outcome: AttemptOutcome, step: NextStep): DeliveryUpdate {
  return {
    deliveryId: task.deliveryId,
    webhookId: task.webhookId,
    orgId: task.orgId,
    status: step.kind === 'retry' ? 'pending' : step.kind,
    attemptCount: task.attempt,
    lastAttemptAt: outcome.attempt.startedAt,
    nextAttemptAt: step.kind === 'retry' ? new Date(step.atMs) : null,
    responseStatus: outcome.responseStatus || null,
    succeeded: outcome.delivered,
    origin: originOf(task),
  };
}

/** Attempt outcome, latency and the delivery's next step, as metrics. */
export function countAttempt(metrics: DispatcherMetrics, task: DeliveryTask, outcome: AttemptOutcome, step: NextStep): void {
  const attemptOutcome = outcome.attempt.errorClass ?? 'success';
  metrics.attempts.inc({ outcome: attemptOutcome });
  metrics.attemptSeconds.observe({ outcome: attemptOutcome }, outcome.attempt.durationMs / 1000);
  if (task.attempt === 1 && task.publishedAtMs > 0 && outcome.responseStatus > 0) {
    metrics.endToEndSeconds.observe((outcome.attempt.startedAt.getTime() + outcome.attempt.durationMs - task.publishedAtMs) / 1000);
  }
  metrics.deliveries.inc({ outcome: step.kind === 'retry' ? 'retry_scheduled' : step.kind });
}
