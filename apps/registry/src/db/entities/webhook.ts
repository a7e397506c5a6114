import { EntitySchema } from '@hookline/db';
import { belongsToOrganization } from './relations';

/**
 * A webhook as stored. Mapped so the schema is described in one place; its use cases stay on
 * SQL (see webhooks/webhook-store.ts).
 */
export interface WebhookRecord {
  id: string;
  org_id: string;
  name: string;
  description: string;
  url: string;
  status: string;
  event_types: string[];
  auth_type: string;
  auth_info: Record<string, unknown>;
  auth_sealed: string | null;
  rate_limit_rps: number;
  timeout_seconds: number;
  payload: string;
  signature_scheme: string;
  public_key: string;
  retry_schedule_seconds: number[];
  ordering: string;
  /** The payload filter; null = none. */
  filter: unknown;
  disabled_reason: string;
  last_triggered_at: Date | null;
  version: string | number;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

export const WebhookEntity = new EntitySchema<WebhookRecord>({
  name: 'Webhook',
  tableName: 'webhook',
  properties: {
    id: { type: 'text', primary: true },
    org_id: belongsToOrganization('webhook'),
    name: { type: 'text' },
    description: { type: 'text', defaultRaw: `''` },
    url: { type: 'text' },
    status: { type: 'text' },
    event_types: { type: 'text[]', columnType: 'text[]', defaultRaw: `'{}'` },
    auth_type: { type: 'text', defaultRaw: `'none'` },
    auth_info: { type: 'json', columnType: 'jsonb', defaultRaw: `'{}'` },
    auth_sealed: { type: 'text', nullable: true },
    rate_limit_rps: { type: 'integer', columnType: 'int' },
    timeout_seconds: { type: 'integer', columnType: 'int' },
    payload: { type: 'text' },
    signature_scheme: { type: 'text' },
    public_key: { type: 'text', defaultRaw: `''` },
    retry_schedule_seconds: { type: 'int[]', columnType: 'int[]', defaultRaw: `'{}'` },
    ordering: { type: 'text' },
    filter: { type: 'json', columnType: 'jsonb', nullable: true },
    disabled_reason: { type: 'text', defaultRaw: `''` },
    last_triggered_at: { type: 'timestamptz', nullable: true },
    version: { type: 'bigint', columnType: 'bigint', defaultRaw: '1' },
    created_at: { type: 'timestamptz' },
    updated_at: { type: 'timestamptz' },
    deleted_at: { type: 'timestamptz', nullable: true },
  },
  indexes: [{ name: 'webhook_org_idx', expression: 'create index webhook_org_idx on webhook (org_id, created_at desc, id desc)' }],
  // Names are unique among live webhooks only: a deleted webhook frees its name.
  uniques: [{ name: 'webhook_name_uq', expression: `create unique index webhook_name_uq on webhook (org_id, name) where status <> 'deleted'` }],
});
