import type { Logger } from '@hookline/logging';
import { WEBHOOK_DISABLED } from '../model/event-types';
import type { RegistryClient } from '../peers';
import type { OperationalEvents } from '../record/operational-events';

export type DisableReason = 'gone' | 'failing';

export interface WebhookDisablerDeps {
  registry: Pick<RegistryClient, 'disableWebhook'>;
  operational: Pick<OperationalEvents, 'publish'>;
  logger: Logger;
}

/**
 * The dispatcher gives up on an endpoint — it answered 410 Gone (see AfterEffects), or failed
 * without a success for 5 days (see FailingWebhooks): the webhook is disabled in the registry and
 * its org told with a `hookline.webhook.disabled` event, once (only when the status changed).
 */
export class WebhookDisabler {
  constructor(private readonly deps: WebhookDisablerDeps) {}

  async disable(orgId: string, webhookId: string, reason: DisableReason): Promise<void> {
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
