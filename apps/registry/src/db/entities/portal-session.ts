import { EntitySchema } from '@hookline/db';
import { belongsToOrganization, ROLES } from './relations';

/** A short-lived customer-portal session; the token is stored as its SHA-256 only. */
export interface PortalSessionRecord {
  id: string;
  org_id: string;
  role: 'admin' | 'developer' | 'viewer';
  features: string[];
  branding: Record<string, string | undefined>;
  owner: string;
  token_hash: Buffer;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  first_used_at: Date | null;
}

export const PortalSessionEntity = new EntitySchema<PortalSessionRecord>({
  name: 'PortalSession',
  tableName: 'portal_session',
  properties: {
    id: { type: 'text', primary: true },
    org_id: belongsToOrganization('portal_session'),
    role: { enum: true, items: ROLES },
    features: { type: 'text[]', columnType: 'text[]', defaultRaw: `'{}'` },
    branding: { type: 'json', columnType: 'jsonb', defaultRaw: `'{}'` },
    owner: { type: 'text' },
    token_hash: { type: 'blob', columnType: 'bytea' },
    created_by: { type: 'text' },
    created_at: { type: 'timestamptz' },
    expires_at: { type: 'timestamptz' },
    revoked_at: { type: 'timestamptz', nullable: true },
    first_used_at: { type: 'timestamptz', nullable: true },
  },
  indexes: [{ name: 'portal_session_org_idx', expression: 'create index portal_session_org_idx on portal_session (org_id, created_at desc)' }],
  uniques: [{ name: 'portal_session_hash_uq', expression: 'create unique index portal_session_hash_uq on portal_session (token_hash)' }],
});
