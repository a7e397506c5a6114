import { originOf } from '../model/attempt-row';
import type { DeliveryTask } from '../model/delivery-task';
import type { DispatcherMetrics } from '../metrics';
import type { AttemptRecorder } from './attempt-recorder';

/** Records a delivery's new state without an attempt (none was made: nothing is counted). */
export function settleWithoutAttempt(
  recorder: Pick<AttemptRecorder, 'record'>,
  task: DeliveryTask,
  status: 'pending' | 'failed',
  nextAttemptAt: Date | null,
  held = false,
): Promise<void> {
  return recorder.record(null, {
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
    origin: originOf(task),
  });
}

/**
 * A delivery for a webhook that is not active. Paused: held, pending with no attempt counted,
 * until the webhook is resumed (see HeldDeliveries). Any other status (disabled, deleted,
 * awaiting approval): failed without an attempt; after a disabled webhook is enabled again,
 * `recover` for the time range re-queues these.
 */
export function settleInactive(recorder: Pick<AttemptRecorder, 'record'>, metrics: Pick<DispatcherMetrics, 'deliveries'>, task: DeliveryTask, status: string): Promise<void> {
  if (status === 'paused') {
    metrics.deliveries.inc({ outcome: 'held_paused' });
    return settleWithoutAttempt(recorder, task, 'pending', null, true);
  }
  metrics.deliveries.inc({ outcome: 'skipped_inactive' });
  return settleWithoutAttempt(recorder, task, 'failed', null);
}
