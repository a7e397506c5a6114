import type { Logger } from '@hookline/logging';
import type { DeliveryTask } from '../model/delivery-task';
import { DELIVERY_EXHAUSTED, OPERATIONAL_PREFIX, WEBHOOK_DISABLED } from '../model/event-types';
import type { NextStep } from '../model/next-step';
import type { RegistryClient } from '../peers';
import type { TriggerReporter } from '../webhook-config/trigger-reporter';
import type { OperationalEvents } from './operational-events';

export interface AfterEffectsDeps {
  registry: RegistryClient;
  operational: OperationalEvents;
  triggers: TriggerReporter;
  logger: Logger;
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
}
