import { NotFoundError } from '@hookline/errors';
import type { Logger } from '@hookline/logging';
import { inRemoteTrace } from '@hookline/telemetry';
import type { AdmissionGate } from '../model/admission-gate';
import type { DeliveryTask } from '../model/delivery-task';
import type { DispatcherMetrics } from '../metrics';
import type { AfterEffects } from '../record/after-effects';
import type { AttemptRecorder } from '../record/attempt-recorder';
import { settleWithoutAttempt } from '../record/settle';
import type { DeliveryConfig } from '../webhook-config/delivery-config';
import type { DeliveryConfigCache } from '../webhook-config/delivery-config-cache';
import { makeAttempt, type AttemptDeps } from './attempt';
import { countAttempt, deliveryUpdate, nextStepAfter } from './outcome';

export interface DeliverDeps extends AttemptDeps {
  configs: DeliveryConfigCache;
  recorder: AttemptRecorder;
  afterEffects: AfterEffects;
  metrics: DispatcherMetrics;
  logger: Logger;
  /** The platform's schedule, for webhooks without one of their own. */
  defaultScheduleSeconds: readonly number[];
}

/** How long a delivery waits when its webhook config cannot be fetched (registry down). */
const CONFIG_UNAVAILABLE_DELAY_MS = 5_000;

/**
 * One attempt of one delivery, top to bottom: gate → attempt → next step → record → after-effects.
 * Resolves when the webhook's lane may start another request: right after the HTTP exchange —
 * recording it (a batched PostgreSQL commit) goes on in the background, and only then is the item
 * settled (its offset may be committed). Keeping the endpoint's concurrency slot through the
 * commit would cap a webhook at concurrency ÷ commit latency. FIFO webhooks wait for the record,
 * to keep their order strict.
 */
export async function deliverTask<T extends { task: DeliveryTask }>(item: T, deps: DeliverDeps, admission: AdmissionGate<T>): Promise<void> {
  const { task } = item;
  let recording: Promise<void> | null = null;
  try {
    // 1. Gate: the webhook's config, its organization and its status.
    let config: DeliveryConfig;
    try {
      config = await deps.configs.get(task.webhookId);
    } catch (error) {
      await settleUnconfigured(task, error, deps);
      return;
    }
    // Never one organization's event to another's endpoint (a test event's target is taken
    // on trust when the routing view does not know it yet).
    if (config.orgId !== task.orgId) {
      deps.logger.warn({ webhookId: task.webhookId, orgId: task.orgId }, 'delivery for a webhook of another organization dropped');
      await settleWithoutAttempt(deps.recorder, task, 'failed', null);
      return;
    }
    // The admission's gate again: the webhook may have been paused, disabled or deleted while
    // the task waited in its lane.
    const inactive = admission.settleIfInactive(task, config.status);
    if (inactive) {
      await inactive;
      return;
    }

    // 2. Attempt: prepare → sign → authenticate → send; every failure is an outcome.
    //    In the publisher's trace: the endpoint's POST is a span of the trace that published the event.
    const outcome = await inRemoteTrace('deliver', task.traceparent, { 'hookline.delivery_id': task.deliveryId, 'hookline.webhook_id': task.webhookId }, () => makeAttempt(task, config, deps));

    // 3. Next step: delivered, a retry at a time, or failed for good.
    // The webhook's own schedule, else its organization's wire profile's, else the platform's.
    const schedule = [config.retryScheduleSeconds, config.wireProfile.retryScheduleSeconds].find((s) => s.length > 0) ?? deps.defaultScheduleSeconds;
    const step = nextStepAfter(task, outcome, schedule, Date.now());
    countAttempt(deps.metrics, task, outcome, step);

    // 4. Record (batched), then 5. the after-effects, once the outcome is durable.
    let recorded = false;
    recording = deps.recorder
      .record(outcome.attempt, deliveryUpdate(task, outcome, step))
      .then(() => {
        recorded = true;
        return deps.afterEffects.afterRecorded(task, step);
      })
      .catch((error) => deps.logger.error({ err: error, deliveryId: task.deliveryId }, 'recording an attempt failed unexpectedly'))
      .finally(() => admission.settled(item, recorded));
    if (config.fifo) await recording;
  } catch (error) {
    deps.logger.error({ err: error, deliveryId: task.deliveryId }, 'delivery failed unexpectedly');
  } finally {
    if (!recording) admission.settled(item, false);
  }
}

/** No config: a webhook the registry does not know fails; an unreachable registry postpones. */
function settleUnconfigured(task: DeliveryTask, error: unknown, deps: DeliverDeps): Promise<void> {
  if (error instanceof NotFoundError) return settleWithoutAttempt(deps.recorder, task, 'failed', null);
  deps.logger.warn({ err: error, webhookId: task.webhookId }, 'delivery config unavailable; delivery postponed');
  return settleWithoutAttempt(deps.recorder, task, 'pending', new Date(Date.now() + CONFIG_UNAVAILABLE_DELAY_MS));
}
