import { timingSafeEqual } from 'node:crypto';
import { AuthenticationError, InputError, NotFoundError } from '@hookline/errors';
import { newId } from '@hookline/ids';
import { ROLES, type Role } from '@hookline/contract';
import type { RegistryDeps } from '../common/deps';
import { paginate, type Page } from '../common/pagination';
import type { RequestMeta } from '../common/scope';
import type { Queryable } from '../db/queryable';
import { recordApproval } from '../approvals/request-approval';
import type { ApprovalRow } from '../approvals/approval';
import { enqueueAudit } from '../outbox/outbox';
import { approvalsRequired, readSettings } from '../settings/settings';
import { principalOf } from './principal';
import { displayPrefix, generateApiKey, hashApiKey, isWellFormedApiKey } from './key-format';
import { inTransaction } from '../db/unit-of-work';

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
  /** Whom the key acts for (see principalOf); approvals compare principals. */
  principal: string;
  status: ApiKeyStatus;
}

/** A key created while approvals are required stays inactive until another principal approves it. */
export type ApiKeyStatus = 'active' | 'pending_approval' | 'rejected';

export interface CreatedApiKey {
  apiKey: ApiKeyRow;
  /** The plaintext key: returned once, never stored. */
  key: string;
  /** Set when the key is inactive until approved. */
  pendingApproval?: ApprovalRow;
}

export interface RevokedApiKey {
  apiKey: ApiKeyRow;
  /** Set when the revocation awaits approval (the key stays valid meanwhile). */
  pendingApproval?: ApprovalRow;
}

export interface ApiKeyInput {
  orgId: string;
  role: string;
  owner: string;
  name: string;
}

const COLUMNS = 'id, org_id, name, role, owner, prefix, created_by, created_at, revoked_at, principal, status';

/** What audit records may say about a key: never the key or its hash. */
function auditView(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    owner: row.owner,
    principal: row.principal,
    status: row.status,
    revoked_at: row.revoked_at?.toISOString() ?? null,
  };
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

/**
 * Inserts a key inside the caller's transaction (organization creation shares it). The operator
 * vouches for the owner, so its keys act for their owner; a key created by an org key acts for
 * its creator's principal (an `owner` is only a label until another principal approves it).
 */
export async function insertApiKey(tx: Queryable, meta: RequestMeta, input: ApiKeyInput, now: Date, status: ApiKeyStatus = 'active'): Promise<CreatedApiKey> {
  const { role, owner, name } = validate(input);
  const key = generateApiKey();
  const createdBy = meta.actor.kind === 'api_key' ? meta.actor.keyId : meta.actor.kind;
  const principal = meta.actor.kind === 'api_key' ? await principalOf(tx, meta) : owner;
  const { rows } = await tx.query<ApiKeyRow>(
    `insert into api_key (id, org_id, name, role, owner, prefix, key_hash, created_by, created_at, principal, status)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning ${COLUMNS}`,
    [newId('key'), input.orgId, name, role, owner, displayPrefix(key), hashApiKey(key), createdBy, now, principal, status],
  );
  const apiKey = rows[0];
  await enqueueAudit(tx, { meta, orgId: input.orgId, action: 'api_key.create', resourceType: 'api_key', resourceId: apiKey.id, after: auditView(apiKey), at: now });
  return { apiKey, key };
}

/** An org key adding an admin (someone who may approve) while approvals are required needs approval itself. */
export async function createApiKey(deps: RegistryDeps, meta: RequestMeta, input: ApiKeyInput): Promise<CreatedApiKey> {
  const { role, owner } = validate(input);
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    // The org row lock serialises this with settings changes.
    const org = await tx.query('select 1 from organization where id = $1 for share', [input.orgId]);
    if (org.rowCount === 0) throw new NotFoundError('organization not found');
    const needsApproval = meta.actor.kind === 'api_key' && role === 'admin' && approvalsRequired((await readSettings(tx, input.orgId)).approvals);
    const created = await insertApiKey(tx, meta, input, now, needsApproval ? 'pending_approval' : 'active');
    if (!needsApproval) return created;
    const subject = { orgId: input.orgId, resourceType: 'api_key', resourceId: created.apiKey.id } as const;
    const pendingApproval = await recordApproval(tx, deps.box, meta, subject, { target: 'api_key', action: 'create', role, owner }, now);
    return { ...created, pendingApproval };
  });
}

/** Applies an approved key creation: the key becomes usable and acts for its owner. */
export async function activateApiKey(tx: Queryable, meta: RequestMeta, keyId: string, now: Date): Promise<ApiKeyRow> {
  const { rows } = await tx.query<ApiKeyRow>(`update api_key set status = 'active', principal = owner where id = $1 returning ${COLUMNS}`, [keyId]);
  await enqueueAudit(tx, { meta, orgId: rows[0].org_id, action: 'api_key.activate', resourceType: 'api_key', resourceId: keyId, after: auditView(rows[0]), at: now });
  return rows[0];
}

/** A key whose creation was rejected or expired never becomes usable. */
export async function withdrawApiKey(tx: Queryable, meta: RequestMeta, keyId: string, now: Date): Promise<void> {
  const { rows } = await tx.query<ApiKeyRow>(`update api_key set status = 'rejected' where id = $1 and status = 'pending_approval' returning ${COLUMNS}`, [keyId]);
  if (rows[0]) {
    await enqueueAudit(tx, { meta, orgId: rows[0].org_id, action: 'api_key.withdraw', resourceType: 'api_key', resourceId: keyId, after: auditView(rows[0]), at: now });
  }
}

/** The key row, locked, or null. */
export async function lockApiKey(tx: Queryable, orgId: string, keyId: string): Promise<ApiKeyRow | null> {
  const { rows } = await tx.query<ApiKeyRow>(`select ${COLUMNS} from api_key where id = $1 and org_id = $2 for update`, [keyId, orgId]);
  return rows[0] ?? null;
}

export function listApiKeys(deps: RegistryDeps, orgId: string, page: { limit: number; cursor: string } | undefined): Promise<Page<ApiKeyRow>> {
  return paginate<ApiKeyRow>(deps.db.pool, { table: `(select ${COLUMNS} from api_key) k`, where: 'org_id = $1', params: [orgId] }, page);
}

/** Removing an admin (someone who may approve) with an org key while approvals are required needs approval. */
export async function revokeApiKey(deps: RegistryDeps, meta: RequestMeta, orgId: string, keyId: string): Promise<RevokedApiKey> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    await tx.query('select 1 from organization where id = $1 for share', [orgId]);
    const before = await lockApiKey(tx, orgId, keyId);
    if (!before) throw new NotFoundError('API key not found');
    if (before.revoked_at) return { apiKey: before };
    const guarded = meta.actor.kind === 'api_key' && before.role === 'admin' && before.status === 'active';
    if (guarded && approvalsRequired((await readSettings(tx, orgId)).approvals)) {
      const subject = { orgId, resourceType: 'api_key', resourceId: keyId } as const;
      const change = { target: 'api_key', action: 'revoke', role: before.role, owner: before.owner } as const;
      return { apiKey: before, pendingApproval: await recordApproval(tx, deps.box, meta, subject, change, now) };
    }
    return { apiKey: await applyRevoke(tx, meta, before, now) };
  });
}

/** Revokes a locked, not yet revoked key. */
export async function applyRevoke(tx: Queryable, meta: RequestMeta, before: ApiKeyRow, now: Date): Promise<ApiKeyRow> {
  const { rows } = await tx.query<ApiKeyRow>(`update api_key set revoked_at = $2 where id = $1 returning ${COLUMNS}`, [before.id, now]);
  await enqueueAudit(tx, {
    meta,
    orgId: before.org_id,
    action: 'api_key.revoke',
    resourceType: 'api_key',
    resourceId: before.id,
    before: auditView(before),
    after: auditView(rows[0]),
    at: now,
  });
  return rows[0];
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
    `select k.id, k.org_id, k.name, k.role, k.owner, k.prefix, k.created_by, k.created_at, k.revoked_at, k.principal, k.status, k.key_hash,
            o.name as org_name
       from api_key k join organization o on o.id = k.org_id where k.key_hash = $1`,
    [hash],
  );
  const row = rows[0];
  if (!row || !timingSafeEqual(row.key_hash, hash)) throw new AuthenticationError('the API key is not valid', { code: 'api_key_invalid' });
  // A key awaiting approval (or whose creation was refused) is not a key yet.
  if (row.status !== 'active') throw new AuthenticationError('the API key is not valid', { code: 'api_key_invalid' });
  if (row.revoked_at) throw new AuthenticationError('the API key has been revoked', { code: 'api_key_revoked' });
  const { key_hash: _hash, org_name: orgName, ...apiKey } = row;
  return { apiKey, orgName };
}
