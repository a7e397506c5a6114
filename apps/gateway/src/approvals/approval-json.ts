import { z } from '@hookline/config';
import type { registryV1 } from '@hookline/proto';

/** A four-eyes approval (DESIGN §6): bound to the hash of the exact change it would apply. */
export const approvalSchema = z.object({
  id: z.string().describe('`apr_…`'),
  object: z.literal('approval'),
  webhook_id: z.string(),
  action: z.enum(['create', 'update', 'delete']),
  status: z.enum(['pending', 'approved', 'rejected', 'expired', 'stale']),
  requested_by: z.string().describe('Owner identity of the requesting key.'),
  decided_by: z.string().nullable(),
  decided_at: z.string().nullable(),
  reason: z.string().nullable().describe('Why it was rejected.'),
  change: z.record(z.string(), z.unknown()).describe('The requested change; credentials shown as "[redacted]".'),
  change_hash: z.string(),
  expires_at: z.string(),
  created_at: z.string(),
});

export type ApprovalJson = z.infer<typeof approvalSchema>;

export function approvalJson(approval: registryV1.Approval | undefined): ApprovalJson {
  if (!approval) throw new Error('registry answered without an approval');
  return {
    id: approval.id,
    object: 'approval',
    webhook_id: approval.webhookId,
    action: approval.action as ApprovalJson['action'],
    status: approval.status as ApprovalJson['status'],
    requested_by: approval.requestedBy,
    decided_by: approval.decidedBy || null,
    decided_at: approval.decidedAt || null,
    reason: approval.reason || null,
    change: approval.changeJson ? JSON.parse(approval.changeJson) : {},
    change_hash: approval.changeHash,
    expires_at: approval.expiresAt,
    created_at: approval.createdAt,
  };
}
