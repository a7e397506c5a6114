import { timingSafeEqual } from 'node:crypto';
import { AuthenticationError, InputError, NotFoundError } from '@hookline/errors';
import type { RegistryDeps } from '../common/deps';
import { newId } from '../common/ids';
import { paginate, type Page } from '../common/pagination';
import { ROLES, type RequestMeta, type Role } from '../common/scope';
import type { Queryable } from '../db/queryable';
import { enqueueAudit } from '../outbox/outbox';
import { displayPrefix, generateApiKey, hashApiKey, isWellFormedApiKey } from './key-format';

export interface ApiKeyRow {
  id: string;
  org_id: string;
  name: string;
  role: Role;
  owner: string;
  prefix: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
}

export interface CreatedApiKey {
  apiKey: ApiKeyRow;
  /** The plaintext key: returned once, never stored. */
  key: string;
}

export interface ApiKeyInput {
  orgId: string;
  role: string;
  owner: string;
  name: string;
}

const COLUMNS = 'id, org_id, name, role, owner, prefix, created_by, created_at, revoked_at';

/** What audit records may say about a key: never the key or its hash. */
function auditView(row: ApiKeyRow) {
  return { id: row.id, name: row.name, role: row.role, owner: row.owner, revoked_at: row.revoked_at?.toISOString() ?? null };
}

function validate(input: ApiKeyInput): { role: Role; owner: string; name: string } {
  if (!ROLES.includes(input.role as Role)) {
    throw new InputError('role must be admin, developer or viewer', { code: 'role_invalid', param: 'role' });
  }
  const owner = input.owner.trim();
  if (owner.length < 1 || owner.length > 200) {
    throw new InputError('owner must be 1 to 200 characters (who holds the key)', { code: 'owner_invalid', param: 'owner' });
  }
  const name = input.name.trim();
  if (name.length > 100) throw new InputError('name must be at most 100 characters', { code: 'name_invalid', param: 'name' });
  return { role: input.role as Role, owner, name };
}

/** Inserts a key inside the caller's transaction (organization creation shares it). */
export async function insertApiKey(tx: Queryable, meta: RequestMeta, input: ApiKeyInput, now: Date): Promise<CreatedApiKey> {
  const { role, owner, name } = validate(input);
  const key = generateApiKey();
  const createdBy = meta.actor.kind === 'api_key' ? meta.actor.keyId : meta.actor.kind;
  const { rows } = await tx.query<ApiKeyRow>(
    `insert into api_key (id, org_id, name, role, owner, prefix, key_hash, created_by, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning ${COLUMNS}`,
    [newId('key'), input.orgId, name, role, owner, displayPrefix(key), hashApiKey(key), createdBy, now],
  );
  const apiKey = rows[0];
  await enqueueAudit(tx, { meta, orgId: input.orgId, action: 'api_key.create', resourceType: 'api_key', resourceId: apiKey.id, after: auditView(apiKey), at: now });
  return { apiKey, key };
}

export async function createApiKey(deps: RegistryDeps, meta: RequestMeta, input: ApiKeyInput): Promise<CreatedApiKey> {
  validate(input);
  return deps.db.transaction(async (tx) => {
    const org = await tx.query('select 1 from organization where id = $1', [input.orgId]);
    if (org.rowCount === 0) throw new NotFoundError('organization not found');
    return insertApiKey(tx, meta, input, deps.clock());
  });
}

export function listApiKeys(deps: RegistryDeps, orgId: string, page: { limit: number; cursor: string } | undefined): Promise<Page<ApiKeyRow>> {
  return paginate<ApiKeyRow>(deps.db.pool, { table: `(select ${COLUMNS} from api_key) k`, where: 'org_id = $1', params: [orgId] }, page);
}

export async function revokeApiKey(deps: RegistryDeps, meta: RequestMeta, orgId: string, keyId: string): Promise<ApiKeyRow> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const before = await tx.query<ApiKeyRow>(`select ${COLUMNS} from api_key where id = $1 and org_id = $2 for update`, [keyId, orgId]);
    if (!before.rows[0]) throw new NotFoundError('API key not found');
    if (before.rows[0].revoked_at) return before.rows[0];
    const { rows } = await tx.query<ApiKeyRow>(`update api_key set revoked_at = $2 where id = $1 returning ${COLUMNS}`, [keyId, now]);
    await enqueueAudit(tx, {
      meta,
      orgId,
      action: 'api_key.revoke',
      resourceType: 'api_key',
      resourceId: keyId,
      before: auditView(before.rows[0]),
      after: auditView(rows[0]),
      at: now,
    });
    return rows[0];
  });
}

export interface AuthenticatedKey {
  apiKey: ApiKeyRow;
  orgName: string;
}

/** Bearer key -> its row. Looked up by SHA-256 (the hash is the index key, so no timing leak). */
export async function authenticateApiKey(deps: RegistryDeps, key: string): Promise<AuthenticatedKey> {
  if (!isWellFormedApiKey(key)) throw new AuthenticationError('the API key is not valid', { code: 'api_key_invalid' });
  const hash = hashApiKey(key);
  const { rows } = await deps.db.pool.query<ApiKeyRow & { key_hash: Buffer; org_name: string }>(
    `select k.id, k.org_id, k.name, k.role, k.owner, k.prefix, k.created_by, k.created_at, k.revoked_at, k.key_hash,
            o.name as org_name
       from api_key k join organization o on o.id = k.org_id where k.key_hash = $1`,
    [hash],
  );
  const row = rows[0];
  if (!row || !timingSafeEqual(row.key_hash, hash)) throw new AuthenticationError('the API key is not valid', { code: 'api_key_invalid' });
  if (row.revoked_at) throw new AuthenticationError('the API key has been revoked', { code: 'api_key_revoked' });
  const { key_hash: _hash, org_name: orgName, ...apiKey } = row;
  return { apiKey, orgName };
}
