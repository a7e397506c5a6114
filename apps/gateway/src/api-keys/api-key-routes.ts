import { z } from '@hookline/config';
import { listBody, listSchema, pageQueryFields, pageRequest } from '../http/pagination';
import { approvalJson, approvalSchema } from '../approvals/approval-json';
import { defineRoute } from '../http/route';
import { apiKeyErrorCodes, apiKeyJson, apiKeySchema, createApiKeyBody, createdApiKeyJson, createdApiKeySchema } from './api-key-json';

export const apiKeyRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/api-keys',
    summary: "List the organization's API keys",
    action: 'api_key.list',
    resourceType: 'api_key',
    auth: 'api_key',
    role: 'admin',
    feature: 'api_keys',
    lastKnownWhileUnavailable: true,
    query: z.strictObject(pageQueryFields),
    responses: { 200: { description: 'A page of keys (never the keys themselves).', schema: listSchema(apiKeySchema) } },
    handler: async ({ query, context, clients, call }) => {
      const response = await clients.registry.listApiKeys({ context, orgId: '', page: pageRequest(query) }, call);
      return { status: 200, body: listBody(response.apiKeys.map(apiKeyJson), response.page) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/api-keys',
    summary: 'Create an API key',
    description:
      'The `key` is in this response only; Hookline stores a hash. While the organization requires approvals, an admin key stays inactive until an admin acting for another principal approves it: 202 with the approval and the (inactive) key.',
    action: 'api_key.create',
    resourceType: 'api_key',
    auth: 'api_key',
    role: 'admin',
    feature: 'api_keys',
    body: createApiKeyBody,
    errorCodes: apiKeyErrorCodes,
    responses: {
      201: { description: 'Created.', schema: createdApiKeySchema },
      202: { description: 'Created inactive, awaiting approval.', schema: approvalSchema.extend({ api_key: createdApiKeySchema }).meta({ id: 'ApiKeyCreationApproval' }) },
    },
    handler: async ({ body, context, clients, call }) => {
      const response = await clients.registry.createApiKey({ context, orgId: '', role: body.role, owner: body.owner, name: body.name ?? '' }, call);
      if (response.pendingApproval) return { status: 202, body: { ...approvalJson(response.pendingApproval), api_key: createdApiKeyJson(response) } };
      return { status: 201, body: createdApiKeyJson(response) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/api-keys/:id',
    summary: 'Revoke an API key',
    description:
      'Takes effect within 1 s. While the organization requires approvals, revoking an admin key needs an admin acting for another principal: 202 with the approval, key unchanged.',
    action: 'api_key.revoke',
    resourceType: 'api_key',
    auth: 'api_key',
    role: 'admin',
    feature: 'api_keys',
    params: z.strictObject({ id: z.string().min(1).max(100).describe('`key_…`') }),
    responses: {
      200: { description: 'The revoked key.', schema: apiKeySchema },
      202: { description: 'Awaiting approval.', schema: approvalSchema.extend({ api_key: apiKeySchema }).meta({ id: 'ApiKeyRevocationApproval' }) },
    },
    handler: async ({ params, context, clients, call }) => {
      const response = await clients.registry.revokeApiKey({ context, keyId: params.id, orgId: '' }, call);
      if (response.pendingApproval) return { status: 202, body: { ...approvalJson(response.pendingApproval), api_key: apiKeyJson(response.apiKey) } };
      return { status: 200, body: apiKeyJson(response.apiKey) };
    },
  }),
];
