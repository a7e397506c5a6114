import { LockMode } from '@hookline/db';
import { InputError, NotFoundError } from '@hookline/errors';
import { newId } from '@hookline/ids';
import { ROLES, type Role } from '@hookline/contract';
import type { RegistryDeps } from '../common/deps';
import { paginateEntities, type Page } from '../db/pagination';
import type { RequestMeta } from '../common/scope';
import { ApiKeyEntity, type ApiKeyRecord } from '../db/entities/api-key';
import { OrganizationEntity } from '../db/entities/organization';
import { recordApproval } from '../request-approval/request-approval';
import type { ApprovalRow } from '../model/approval';
import { enqueueAudit, enqueueCredentialChange } from '../outbox/outbox';
import { approvalsRequired, readSettings } from '../settings/settings';
import { principalOf } from '../principals/principal';
import { displayPrefix, generateApiKey, hashApiKey } from './key-format';
import { inTransaction, readerFor, type UnitOfWork } from '../db/unit-of-work';

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

export interface ApiKeyInput {
  orgId: string;
  role: string;
  owner: string;
  name: string;
}

/** The key as use cases see it: everything but its hash. */
export function toRow(record: ApiKeyRecord): ApiKeyRow {
  const { key_hash: _hash, ...row } = record;
  return { ...row };
}

/** What audit records may say about a key: never the key or its hash. */
export function auditView(row: ApiKeyRow) {
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
 * Inserts a key inside the caller's transaction (organization creation shares it). A key acts for
 * the principal that receives its plaintext: the operator vouches for the owner it hands the key
 * to, so its keys act for their owner; a key created by an org key acts for its creator's
 * principal, always (its `owner` is a label; no approval changes whose key it is).
 */
export async function insertApiKey(tx: UnitOfWork, meta: RequestMeta, input: ApiKeyInput, now: Date, status: ApiKeyStatus = 'active'): Promise<CreatedApiKey> {
  const { role, owner, name } = validate(input);
  const key = generateApiKey();
  const createdBy = meta.actor.kind === 'api_key' ? meta.actor.keyId : meta.actor.kind;
  const principal = meta.actor.kind === 'api_key' ? await principalOf(tx.em, meta) : owner;
  const record: ApiKeyRecord = {
    id: newId('key'),
    org_id: input.orgId,
    name,
    role,
    owner,
    prefix: displayPrefix(key),
    key_hash: hashApiKey(key),
    created_by: createdBy,
    created_at: now,
    revoked_at: null,
    principal,
    status,
  };
  await tx.em.insert(ApiKeyEntity, record);
  const apiKey = toRow(record);
  await enqueueAudit(tx, { meta, orgId: input.orgId, action: 'api_key.create', resourceType: 'api_key', resourceId: apiKey.id, after: auditView(apiKey), at: now });
  return { apiKey, key };
}

/** An org key adding an admin (someone who may approve) while approvals are required needs approval itself. */
export async function createApiKey(deps: RegistryDeps, meta: RequestMeta, input: ApiKeyInput): Promise<CreatedApiKey> {
  const { role, owner } = validate(input);
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    // The org row lock serialises this with settings changes.
    const org = await tx.em.findOne(OrganizationEntity, { id: input.orgId }, { lockMode: LockMode.PESSIMISTIC_READ });
    if (!org) throw new NotFoundError('organization not found');
    const needsApproval = meta.actor.kind === 'api_key' && role === 'admin' && approvalsRequired((await readSettings(tx.em, input.orgId)).approvals);
    const created = await insertApiKey(tx, meta, input, now, needsApproval ? 'pending_approval' : 'active');
    if (!needsApproval) return created;
    const subject = { orgId: input.orgId, resourceType: 'api_key', resourceId: created.apiKey.id } as const;
    const pendingApproval = await recordApproval(tx, deps.box, meta, subject, { target: 'api_key', action: 'create', role, owner, principal: created.apiKey.principal }, now);
    return { ...created, pendingApproval };
  });
}

/**
 * Applies an approved key creation: the key becomes usable. It keeps acting for its creator's
 * principal: the creator received its plaintext, so an approval cannot make it someone else's.
 */
export async function activateApiKey(tx: UnitOfWork, meta: RequestMeta, keyId: string, now: Date): Promise<ApiKeyRow> {
  const key = await tx.em.findOneOrFail(ApiKeyEntity, { id: keyId });
  key.status = 'active';
  await tx.em.flush();
  const after = toRow(key);
  await enqueueAudit(tx, { meta, orgId: after.org_id, action: 'api_key.activate', resourceType: 'api_key', resourceId: keyId, after: auditView(after), at: now });
  await enqueueCredentialChange(tx, { credentialId: keyId, orgId: after.org_id, kind: 'api_key', change: 'activated', changedAt: now });
  return after;
}

/** A key whose creation was rejected or expired never becomes usable. */
export async function withdrawApiKey(tx: UnitOfWork, meta: RequestMeta, keyId: string, now: Date): Promise<void> {
  const key = await tx.em.findOne(ApiKeyEntity, { id: keyId, status: 'pending_approval' });
  if (!key) return;
  key.status = 'rejected';
  await tx.em.flush();
  const after = toRow(key);
  await enqueueAudit(tx, { meta, orgId: after.org_id, action: 'api_key.withdraw', resourceType: 'api_key', resourceId: keyId, after: auditView(after), at: now });
  await enqueueCredentialChange(tx, { credentialId: keyId, orgId: after.org_id, kind: 'api_key', change: 'withdrawn', changedAt: now });
}

/** The key row, locked, or null. */
export async function lockApiKey(tx: UnitOfWork, orgId: string, keyId: string): Promise<ApiKeyRow | null> {
  const key = await tx.em.findOne(ApiKeyEntity, { id: keyId, org_id: orgId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  return key && toRow(key);
}

export async function listApiKeys(deps: RegistryDeps, orgId: string, page: { limit: number; cursor: string } | undefined): Promise<Page<ApiKeyRow>> {
  const { items, pageInfo } = await paginateEntities(readerFor(deps), ApiKeyEntity, { org_id: orgId }, page);
  return { items: items.map(toRow), pageInfo };
}
