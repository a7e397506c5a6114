import { EntitySchema } from '@hookline/db';
import { belongsToOrganization, ROLES } from './relations';

/** An API key as stored: only its SHA-256 hash, never the key. */
export interface ApiKeyRecord {
  id: string;
  org_id: string;
  name: string;
  role: 'admin' | 'developer' | 'viewer';
  owner: string;
  prefix: string;
  key_hash: Buffer;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
  principal: string;
  status: 'active' | 'pending_approval' | 'rejected';
}

export const ApiKeyEntity = new EntitySchema<ApiKeyRecord>({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    id: { type: 'text', primary: true },
    org_id: belongsToOrganization('api_key'),
    name: { type: 'text', defaultRaw: `''` },
    role: { enum: true, items: ROLES },
    owner: { type: 'text' },
    prefix: { type: 'text' },
    key_hash: { type: 'blob', columnType: 'bytea' },
    created_by: { type: 'text' },
    created_at: { type: 'timestamptz' },
    revoked_at: { type: 'timestamptz', nullable: true },
    principal: { type: 'text' },
    status: { enum: true, items: ['active', 'pending_approval', 'rejected'], defaultRaw: `'active'` },
  },
  indexes: [{ name: 'api_key_org_idx', expression: 'create index api_key_org_idx on api_key (org_id, created_at desc, id desc)' }],
  uniques: [{ name: 'api_key_hash_uq', expression: 'create unique index api_key_hash_uq on api_key (key_hash)' }],
});
