import type { Logger } from '@hookline/logging';
import { retryWithBackoff } from '@hookline/retry';
import type { RegistryClient } from '../peers';
import type { RoutingView } from './routing-view';

const RETRY_MS = 500;

/** Loads every live webhook from the registry, retrying until it answers (start-up). */
export async function loadRoutingSnapshot(registry: RegistryClient, view: RoutingView, logger: Logger, signal: AbortSignal): Promise<void> {
  const { webhooks } = await retryWithBackoff(() => registry.listLiveWebhooks({}, { deadlineMs: 10_000 }), {
    initialMs: RETRY_MS,
    maxMs: RETRY_MS,
    signal,
    onRetry: (error, attempt) => {
      // The registry starting up is expected: said once; still down after a minute is worth a warning.
      if (attempt === 1) logger.info({ reason: error instanceof Error ? error.message : String(error) }, 'waiting for registry…');
      else if (attempt % 120 === 0) logger.warn({ err: error, waitedSeconds: (attempt * RETRY_MS) / 1000 }, 'registry still not answering ListLiveWebhooks; retrying');
    },
  });
  for (const webhook of webhooks) {
    const route = { webhookId: webhook.webhookId, orgId: webhook.orgId, status: webhook.status, eventTypes: webhook.eventTypes, version: Number(webhook.version), filterJson: webhook.filterJson };
    try {
      view.apply(route);
    } catch (error) {
      // Only a filter the registry would never have accepted fails to compile; the change feed may still bring a good version.
      logger.error({ err: error, webhookId: webhook.webhookId }, 'webhook filter does not compile; webhook left out of routing');
    }
  }
  logger.info({ webhooks: webhooks.length }, 'routing snapshot loaded');
}
