import { z } from '@hookline/config';
import { listBody, listSchema, pageQueryFields, pageRequest } from '../http/pagination';
import { defineRoute } from '../http/route';
import { webhookJson, webhookSchema } from '../webhooks/webhook-json';
import { apiKeyJson, apiKeySchema } from '../api-keys/api-key-json';
import { settingsJson, settingsSchema } from '../settings/settings-json';
import { approvalJson, approvalSchema } from '../approvals/approval-json';

const approvalParams = z.strictObject({ id: z.string().min(1).max(100).describe('`apr_…`') });

export const approvalRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/approvals',
    summary: 'List approvals (the four-eyes inbox)',
    description: 'Newest first; filter by `status`.',
    action: 'approval.list',
    resourceType: 'approval',
    auth: 'api_key',
    role: 'viewer',
    feature: 'approvals',
    lastKnownWhileUnavailable: true,
    query: z.strictObject({ ...pageQueryFields, status: z.enum(['pending', 'approved', 'rejected', 'expired', 'stale']).optional() }),
    errorCodes: { status: 'status_invalid' },
    responses: { 200: { description: 'A page of approvals.', schema: listSchema(approvalSchema) } },
    handler: async ({ query, context, clients, call }) => {
      const response = await clients.registry.listApprovals({ context, page: pageRequest(query), status: query.status ?? '', orgId: '' }, call);
      return { status: 200, body: listBody(response.approvals.map(approvalJson), response.page) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/approvals/:id/approve',
    summary: 'Approve and apply a change',
    description:
      'Only an admin acting for another principal than the requester may approve. A stale (resource changed meanwhile), expired or decided approval answers 409. The response carries the resource after the change: `webhook`, `api_key` or `settings`.',
    action: 'approval.approve',
    resourceType: 'approval',
    auth: 'api_key',
    role: 'admin',
    feature: 'approvals',
    params: approvalParams,
    responses: {
      200: {
        description: 'Approved and applied.',
        schema: approvalSchema
          .extend({ webhook: webhookSchema.optional(), api_key: apiKeySchema.optional(), settings: settingsSchema.optional() })
          .meta({ id: 'AppliedApproval' }),
      },
    },
    handler: async ({ params, context, clients, call }) => {
      const response = await clients.registry.approveApproval({ context, approvalId: params.id, orgId: '' }, call);
      return {
        status: 200,
        body: {
          ...approvalJson(response.approval),
          ...(response.webhook ? { webhook: webhookJson(response.webhook) } : {}),
          ...(response.apiKey ? { api_key: apiKeyJson(response.apiKey) } : {}),
          ...(response.settings ? { settings: settingsJson(response.settings) } : {}),
        },
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/approvals/:id/reject',
    summary: 'Reject a change',
    action: 'approval.reject',
    resourceType: 'approval',
    auth: 'api_key',
    role: 'admin',
    feature: 'approvals',
    params: approvalParams,
    body: z.strictObject({ reason: z.string().min(1).max(1000).optional().describe('Shown in the approval history.') }),
    errorCodes: { reason: 'reason_invalid' },
    responses: { 200: { description: 'Rejected.', schema: approvalSchema } },
    handler: async ({ params, body, context, clients, call }) => {
      const approval = await clients.registry.rejectApproval({ context, approvalId: params.id, reason: body.reason ?? '', orgId: '' }, call);
      return { status: 200, body: approvalJson(approval) };
    },
  }),
];
