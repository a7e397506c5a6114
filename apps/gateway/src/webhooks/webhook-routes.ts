import { z } from '@hookline/config';
import { createWebhookBody, updateWebhookBody, webhookRuleCodes } from '@hookline/contract';
import { approvalJson, approvalSchema } from '../approvals/approval-json';
import { listBody, listSchema, pageQueryFields, pageRequest } from '../http/pagination';
import { defineRoute, type RouteResult } from '../http/route';
import type { registryV1 } from '@hookline/proto';
import { filterTestRoute } from './filter-test-route';
import { webhookJson, webhookSchema } from './webhook-json';
import { createWebhookRequest, updateWebhookRequest } from './webhook-requests';

const webhookParams = z.strictObject({ id: z.string().min(1).max(100).describe('`wh_…`') });
const pageQuery = z.strictObject(pageQueryFields);

/** An approval awaiting a second admin, with the webhook as it stands (a create's secret included). */
const pendingApprovalSchema = approvalSchema.extend({
  webhook: webhookSchema.extend({ signing_secret: z.string().optional() }),
}).meta({ id: 'WebhookApproval' });

const createdWebhookSchema = webhookSchema
  .extend({ signing_secret: z.string().optional().describe('`whsec_…`, shown only here.') })
  .meta({ id: 'CreatedWebhook' });

/** 202 + approval when the org requires approval for this action; otherwise `applied`. */
function mutationResult(response: registryV1.WebhookMutationResponse, applied: () => RouteResult): RouteResult {
  if (!response.pendingApproval) return applied();
  const webhook = { ...webhookJson(response.webhook), ...(response.signingSecret ? { signing_secret: response.signingSecret } : {}) };
  return { status: 202, body: { ...approvalJson(response.pendingApproval), webhook } };
}

export const webhookRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/webhooks',
    summary: 'List webhooks',
    description: 'Newest first; deleted webhooks are not listed.',
    action: 'webhook.list',
    resourceType: 'webhook',
    auth: 'api_key',
    role: 'viewer',
    feature: 'webhooks',
    lastKnownWhileUnavailable: true,
    query: pageQuery,
    responses: { 200: { description: 'A page of webhooks.', schema: listSchema(webhookSchema) } },
    handler: async ({ query, context, clients, call }) => {
      const response = await clients.registry.listWebhooks({ context, page: pageRequest(query), orgId: '' }, call);
      return { status: 200, body: listBody(response.webhooks.map(webhookJson), response.page) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/webhooks',
    summary: 'Create a webhook',
    description: 'Returns `signing_secret` once (hmac-sha256) or `public_key` (ed25519, ecdsa-p256). When the organization requires approval for creates: 202 with the approval.',
    action: 'webhook.create',
    resourceType: 'webhook',
    auth: 'api_key',
    role: 'developer',
    feature: 'webhooks',
    body: createWebhookBody,
    errorCodes: webhookRuleCodes,
    responses: {
      201: { description: 'Created.', schema: createdWebhookSchema },
      202: { description: 'Awaiting approval by another admin.', schema: pendingApprovalSchema },
    },
    handler: async ({ body, context, clients, call }) => {
      const response = await clients.registry.createWebhook(createWebhookRequest(body, context), call);
      return mutationResult(response, () => ({
        status: 201,
        body: { ...webhookJson(response.webhook), ...(response.signingSecret ? { signing_secret: response.signingSecret } : {}) },
      }));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/webhooks/:id',
    summary: 'Get a webhook',
    action: 'webhook.read',
    resourceType: 'webhook',
    auth: 'api_key',
    role: 'viewer',
    feature: 'webhooks',
    lastKnownWhileUnavailable: true,
    params: webhookParams,
    responses: { 200: { description: 'The webhook.', schema: webhookSchema } },
    handler: async ({ params, context, clients, call }) => {
      const webhook = await clients.registry.getWebhook({ context, webhookId: params.id, orgId: '' }, call);
      return { status: 200, body: webhookJson(webhook) };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/webhooks/:id',
    summary: 'Update a webhook',
    description: 'Only the fields sent change. When the organization requires approval for updates: 202 with the approval.',
    action: 'webhook.update',
    resourceType: 'webhook',
    auth: 'api_key',
    role: 'developer',
    feature: 'webhooks',
    params: webhookParams,
    body: updateWebhookBody,
    errorCodes: webhookRuleCodes,
    responses: {
      200: { description: 'Updated.', schema: webhookSchema },
      202: { description: 'Awaiting approval by another admin.', schema: pendingApprovalSchema },
    },
    handler: async ({ params, body, context, clients, call }) => {
      const response = await clients.registry.updateWebhook(updateWebhookRequest(params.id, body, context), call);
      return mutationResult(response, () => ({ status: 200, body: webhookJson(response.webhook) }));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/webhooks/:id',
    summary: 'Delete a webhook',
    description: 'Soft delete: nothing is sent to it any more (within 1 s). When the organization requires approval for deletes: 202 with the approval.',
    action: 'webhook.delete',
    resourceType: 'webhook',
    auth: 'api_key',
    role: 'developer',
    feature: 'webhooks',
    params: webhookParams,
    responses: { 204: { description: 'Deleted.' }, 202: { description: 'Awaiting approval by another admin.', schema: pendingApprovalSchema } },
    handler: async ({ params, context, clients, call }) => {
      const response = await clients.registry.deleteWebhook({ context, webhookId: params.id, orgId: '' }, call);
      return mutationResult(response, () => ({ status: 204 }));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/webhooks/:id/rotate-secret',
    summary: 'Rotate the signing secret',
    description: 'Returns the new secret once (hmac-sha256) or the new public key; the previous key keeps signing for 24 h.',
    action: 'webhook.rotate_secret',
    resourceType: 'webhook',
    auth: 'api_key',
    role: 'developer',
    feature: 'webhooks',
    params: webhookParams,
    responses: {
      200: {
        description: 'The new secret.',
        schema: z.object({
          object: z.literal('signing_secret'),
          secret: z.string().describe('`whsec_…` (hmac-sha256) or the new public key.'),
          public_key: z.string().optional(),
          previous_valid_until: z.string().nullable().describe('When the previous key stops signing.'),
        }).meta({ id: 'SigningSecret' }),
      },
    },
    handler: async ({ params, context, clients, call }) => {
      const rotated = await clients.registry.rotateSecret({ context, webhookId: params.id, orgId: '' }, call);
      return {
        status: 200,
        body: {
          object: 'signing_secret',
          secret: rotated.secret || rotated.publicKey,
          ...(rotated.publicKey ? { public_key: rotated.publicKey } : {}),
          previous_valid_until: rotated.previousValidUntil || null,
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/webhooks/:id/approvals',
    summary: "A webhook's approval history",
    description: 'Newest first.',
    action: 'webhook.approvals.list',
    resourceType: 'approval',
    auth: 'api_key',
    role: 'viewer',
    feature: 'webhooks',
    lastKnownWhileUnavailable: true,
    params: webhookParams,
    query: pageQuery,
    responses: { 200: { description: 'A page of approvals.', schema: listSchema(approvalSchema) } },
    handler: async ({ params, query, context, clients, call }) => {
      const response = await clients.registry.listWebhookApprovals({ context, webhookId: params.id, page: pageRequest(query), orgId: '' }, call);
      return { status: 200, body: listBody(response.approvals.map(approvalJson), response.page) };
    },
  }),
  filterTestRoute,
];
