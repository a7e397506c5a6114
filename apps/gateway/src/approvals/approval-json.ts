import { z } from '@hookline/config';
import type { registryV1 } from '@hookline/proto';

/** A four-eyes approval (DESIGN §6): bound to the hash of the exact change it would apply. */
export const approvalSchema = z.object({
  id: z.string().describe('`apr_…`'),
  object: z.literal('approval'),
  resource_type: z.enum(['webhook', 'api_key', 'settings']).describe('What the change is about.'),
  resource_id: z.string().describe('`wh_…`, `key_…` or the organization id (settings).'),
  webhook_id: z.string().nullable().describe('null unless resource_type is webhook.'),
  action: z.enum(['create', 'update', 'delete', 'revoke']).describe('webhook: create, update, delete; api_key: create, revoke; settings: update.'),
  status: z.enum(['pending', 'approved', 'rejected', 'expired', 'stale']),
  requested_by: z.string().describe('Owner identity of the requesting key.'),
  requested_by_principal: z.string().describe('Principal of the requesting key: only an admin acting for another principal may approve.'),
  decided_by: z.string().nullable(),
  decided_at: z.string().nullable(),
  reason: z.string().nullable().describe('Why it was rejected.'),
  change: z.record(z.string(), z.unknown()).describe('The requested change; credentials shown as "[redacted]".'),
  change_hash: z.string(),
  expires_at: z.string(),
  created_at: z.string(),
}).meta({ id: 'Approval' });

export type ApprovalJson = z.infer<typeof approvalSchema>;

export function approvalJson(approval: registryV1.Approval | undefined): ApprovalJson {
  if (!approval) throw new Error('registry answered without an approval');
  return {
    id: approval.id,
    object: 'approval',
    resource_type: (approval.resourceType || 'webhook') as ApprovalJson['resource_type'],
    resource_id: approval.resourceId || approval.webhookId,
    webhook_id: approval.webhookId || null,
    action: approval.action as ApprovalJson['action'],
    status: approval.status as ApprovalJson['status'],
    requested_by: approval.requestedBy,
    requested_by_principal: approval.requestedByPrincipal,
    decided_by: approval.decidedBy || null,
    decided_at: approval.decidedAt || null,
    reason: approval.reason || null,
    change: approval.changeJson ? JSON.parse(approval.changeJson) : {},
    change_hash: approval.changeHash,
    expires_at: approval.expiresAt,
    created_at: approval.createdAt,
  };
}
