import type { RegistryDeps } from '../common/deps';
import { requestMeta } from '../common/scope';
import { disableWebhook, getDeliveryConfig, listLiveWebhooks, recordWebhookTriggers } from '../dispatcher-api/dispatcher-api';
import type { RegistryHandlers } from './handlers';
import { toEndpointAuthMessage } from './endpoint-auth';
import { wireProfileToProto } from './wire-profiles';

type DeliveryRpcs = 'listLiveWebhooks' | 'getDeliveryConfig' | 'disableWebhook' | 'recordWebhookTriggers';

/** Internal RPCs for the dispatcher: routes, decrypted delivery config, disable, last-triggered. */
export function deliveryHandlers(deps: RegistryDeps): Pick<RegistryHandlers, DeliveryRpcs> {
  return {
    async listLiveWebhooks() {
      return { webhooks: await listLiveWebhooks(deps) };
    },
    async getDeliveryConfig(request) {
      const { webhook, signingKeys, auth, wireProfile } = await getDeliveryConfig(deps, request.webhookId);
      return {
        webhookId: webhook.id,
        orgId: webhook.org_id,
        url: webhook.url,
        status: webhook.status,
        eventTypes: webhook.event_types,
        signatureScheme: webhook.signature_scheme,
        signingKeys,
        auth: toEndpointAuthMessage(auth),
        rateLimitRps: webhook.rate_limit_rps,
        timeoutSeconds: webhook.timeout_seconds,
        payload: webhook.payload,
        retryScheduleSeconds: webhook.retry_schedule_seconds,
        ordering: webhook.ordering,
        version: Number(webhook.version),
        wireProfile: wireProfileToProto(wireProfile, false),
      };
    },
    async disableWebhook(request) {
      // The dispatcher calls without a context: the actor is the service.
      const meta = requestMeta(undefined);
      meta.actor.owner = 'dispatcher';
      return { changed: await disableWebhook(deps, meta, request.webhookId, request.reason) };
    },
    async recordWebhookTriggers(request) {
      await recordWebhookTriggers(deps, request.triggers);
      return {};
    },
  };
}
