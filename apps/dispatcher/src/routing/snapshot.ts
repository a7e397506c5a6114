import type { Logger } from '@hookline/logging';
import type { RegistryClient } from '../webhook-config/delivery-config-cache';
import type { RoutingView } from './routing-view';

/** Loads every live webhook from the registry, retrying until it answers (start-up). */
export async function loadRoutingSnapshot(registry: RegistryClient, view: RoutingView, logger: Logger, signal: AbortSignal): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { webhooks } = await registry.listLiveWebhooks({}, { deadlineMs: 10_000 });
      for (const webhook of webhooks) {
        view.apply({ webhookId: webhook.webhookId, orgId: webhook.orgId, status: webhook.status, eventTypes: webhook.eventTypes, version: Number(webhook.version) });
      }
      logger.info({ webhooks: webhooks.length }, 'routing snapshot loaded');
      return;
    } catch (error) {
      if (signal.aborted) throw error;
      if (attempt % 10 === 1) logger.warn({ err: error }, 'registry not answering ListLiveWebhooks yet; retrying');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
