import { EntitySchema } from '@hookline/db';
import { belongsTo, belongsToOrganization } from './relations';

/** A change awaiting a second principal; the change itself is stored sealed. */
export interface ApprovalRecord {
  id: string;
  org_id: string;
  webhook_id: string | null;
  resource_type: 'webhook' | 'api_key' | 'settings';
  resource_id: string;
  requested_by_principal: string;
  action: 'create' | 'update' | 'delete' | 'revoke';
  status: 'pending' | 'approved' | 'rejected' | 'expired' | 'stale';
  requested_by: string;
  requested_by_key_id: string;
  decided_by: string;
  decided_at: Date | null;
  reason: string;
  expires_at: Date;
  created_at: Date;
  change_redacted: Record<string, unknown>;
  change_sealed: string;
  change_hash: string;
  /** bigint: pg returns it as a string. */
  webhook_version: string | number;
}

export const ApprovalEntity = new EntitySchema<ApprovalRecord>({
  name: 'Approval',
  tableName: 'approval',
  properties: {
    id: { type: 'text', primary: true },
    org_id: belongsToOrganization('approval'),
    webhook_id: belongsTo('Webhook', 'approval', 'webhook_id', { nullable: true }),
    action: { enum: true, items: ['create', 'update', 'delete', 'revoke'] },
    status: { type: 'text' },
    requested_by: { type: 'text' },
    requested_by_key_id: { type: 'text' },
    decided_by: { type: 'text', defaultRaw: `''` },
    decided_at: { type: 'timestamptz', nullable: true },
    reason: { type: 'text', defaultRaw: `''` },
    expires_at: { type: 'timestamptz' },
    created_at: { type: 'timestamptz' },
    change_redacted: { type: 'json', columnType: 'jsonb' },
    change_sealed: { type: 'text' },
    change_hash: { type: 'text' },
    webhook_version: { type: 'bigint', columnType: 'bigint' },
    resource_type: { enum: true, items: ['webhook', 'api_key', 'settings'], defaultRaw: `'webhook'` },
    resource_id: { type: 'text', defaultRaw: `''` },
    requested_by_principal: { type: 'text', defaultRaw: `''` },
  },
  indexes: [
    { name: 'approval_org_idx', expression: 'create index approval_org_idx on approval (org_id, created_at desc, id desc)' },
    { name: 'approval_webhook_idx', expression: 'create index approval_webhook_idx on approval (webhook_id, created_at desc, id desc)' },
    { name: 'approval_resource_idx', expression: 'create index approval_resource_idx on approval (resource_type, resource_id, created_at desc, id desc)' },
  ],
  checks: [
    { name: 'approval_webhook_target_check', expression: `(resource_type = 'webhook') = (webhook_id is not null)` },
  ],
});
