import type { DeliveryTask } from '../model/delivery-task';
import { DELIVERY_EXHAUSTED, OPERATIONAL_PREFIX } from '../model/event-types';
import type { NextStep } from '../model/next-step';
import type { TriggerReporter } from '../webhook-config/trigger-reporter';
import type { OperationalEvents } from './operational-events';

export interface AfterEffectsDeps {
  operational: OperationalEvents;
  triggers: TriggerReporter;
  /** Disables a webhook whose endpoint is gone (pause-and-disable/disable-webhook.ts). */
  disableGone: (orgId: string, webhookId: string) => Promise<void>;
}

/**
 * What follows a recorded outcome: the webhook's `last_triggered_at`, the org's
 * `hookline.delivery.exhausted` event, disabling a webhook whose endpoint is gone. None of it
 * may happen before the outcome is durable, and none of it blocks a lane.
 */
export class AfterEffects {
  constructor(private readonly deps: AfterEffectsDeps) {}

  afterRecorded(task: DeliveryTask, step: NextStep): void {
    if (step.kind === 'delivered') this.deps.triggers.note(task.webhookId, new Date());
    if (step.kind !== 'failed') return;
    // Not for operational events themselves: a failing endpoint must not feed itself exhaustion events.
    if (step.reason === 'exhausted' && !task.eventType.startsWith(OPERATIONAL_PREFIX)) {
      void this.deps.operational.publish(
        task.orgId,
        DELIVERY_EXHAUSTED,
        { delivery_id: task.deliveryId, webhook_id: task.webhookId, event_id: task.eventId, event_type: task.eventType, attempts: task.attempt },
        `exhausted:${task.deliveryId}`,
      );
    }
    if (step.reason === 'gone') void this.deps.disableGone(task.orgId, task.webhookId);
  }
}
