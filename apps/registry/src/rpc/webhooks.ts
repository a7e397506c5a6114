import type { registryV1 } from '@hookline/proto';
import type { RegistryDeps } from '../common/deps';
import { scopeOf } from '../common/scope';
import { deleteWebhook, updateWebhook } from '../webhooks/change-webhook';
import { createWebhook, type WebhookMutation } from '../webhooks/create-webhook';
import { getWebhook, listWebhooks } from '../webhooks/read-webhooks';
import { rotateSecret } from '../webhooks/rotate-secret';
import { toApproval, toWebhook } from './convert';
import { toAuthInput } from './endpoint-auth';
import type { RegistryHandlers } from './handlers';

type WebhookRpcs = 'createWebhook' | 'getWebhook' | 'listWebhooks' | 'updateWebhook' | 'deleteWebhook' | 'rotateSecret';

export function webhookHandlers(deps: RegistryDeps): Pick<RegistryHandlers, WebhookRpcs> {
  const toMutation = (m: WebhookMutation): registryV1.WebhookMutationResponse => ({
    webhook: toWebhook(m.webhook),
    pendingApproval: m.pendingApproval && toApproval(m.pendingApproval, deps.clock()),
    signingSecret: m.signingSecret ?? '',
  });
  return {
    async createWebhook(request) {
      const { meta, orgId } = scopeOf(request);
      const mutation = await createWebhook(deps, meta, orgId, {
        name: request.name,
        url: request.url,
        description: request.description,
        eventTypes: request.eventTypes?.types,
        auth: toAuthInput(request.auth),
        rateLimitRps: request.rateLimitRps,
        timeoutSeconds: request.timeoutSeconds,
        payload: request.payload,
        signatureScheme: request.signatureScheme,
        retryScheduleSeconds: request.retryScheduleSeconds?.seconds,
        ordering: request.ordering,
        filterJson: request.filterJson,
      });
      return toMutation(mutation);
    },
    async getWebhook(request) {
      const { orgId } = scopeOf(request);
      return toWebhook(await getWebhook(deps, orgId, request.webhookId));
    },
    async listWebhooks(request) {
      const { orgId } = scopeOf(request);
      const page = await listWebhooks(deps, orgId, request.page);
      return { webhooks: page.items.map(toWebhook), page: page.pageInfo };
    },
    async updateWebhook(request) {
      const { meta, orgId } = scopeOf(request);
      const mutation = await updateWebhook(deps, meta, orgId, request.webhookId, {
        name: request.name,
        description: request.description,
        url: request.url,
        eventTypes: request.eventTypes?.types,
        allEventTypes: request.allEventTypes,
        auth: toAuthInput(request.auth),
        rateLimitRps: request.rateLimitRps,
        timeoutSeconds: request.timeoutSeconds,
        status: request.status,
        payload: request.payload,
        retryScheduleSeconds: request.retryScheduleSeconds?.seconds,
        ordering: request.ordering,
        filterJson: request.filterJson,
      });
      return toMutation(mutation);
    },
    async deleteWebhook(request) {
      const { meta, orgId } = scopeOf(request);
      return toMutation(await deleteWebhook(deps, meta, orgId, request.webhookId));
    },
    async rotateSecret(request) {
      const { meta, orgId } = scopeOf(request);
      const rotated = await rotateSecret(deps, meta, orgId, request.webhookId);
      return {
        secret: rotated.secret || rotated.publicKey,
        publicKey: rotated.publicKey,
        webhook: toWebhook(rotated.webhook),
        previousValidUntil: rotated.previousValidUntil.toISOString(),
      };
    },
  };
}
