import { LockMode } from '@hookline/db';
import { NotFoundError } from '@hookline/errors';
import type { ApprovalRow } from '../model/approval';
import { recordApproval } from '../request-approval/request-approval';
import type { RegistryDeps } from '../common/deps';
import type { RequestMeta } from '../common/scope';
import { ApiKeyEntity } from '../db/entities/api-key';
import { OrganizationEntity } from '../db/entities/organization';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work';
import { enqueueAudit, enqueueCredentialChange } from '../outbox/outbox';
import { approvalsRequired, readSettings } from '../settings/settings';
import { auditView, lockApiKey, toRow, type ApiKeyRow } from './api-keys';

export interface RevokedApiKey {
  apiKey: ApiKeyRow;
  /** Set when the revocation awaits approval (the key stays valid meanwhile). */
  pendingApproval?: ApprovalRow;
}

/** Removing an admin (someone who may approve) with an org key while approvals are required needs approval. */
export async function revokeApiKey(deps: RegistryDeps, meta: RequestMeta, orgId: string, keyId: string): Promise<RevokedApiKey> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    await tx.em.findOne(OrganizationEntity, { id: orgId }, { lockMode: LockMode.PESSIMISTIC_READ });
    const before = await lockApiKey(tx, orgId, keyId);
    if (!before) throw new NotFoundError('API key not found');
    if (before.revoked_at) return { apiKey: before };
    const guarded = meta.actor.kind === 'api_key' && before.role === 'admin' && before.status === 'active';
    if (guarded && approvalsRequired((await readSettings(tx.em, orgId)).approvals)) {
      const subject = { orgId, resourceType: 'api_key', resourceId: keyId } as const;
      const change = { target: 'api_key', action: 'revoke', role: before.role, owner: before.owner, principal: before.principal } as const;
      return { apiKey: before, pendingApproval: await recordApproval(tx, deps.box, meta, subject, change, now) };
    }
    return { apiKey: await applyRevoke(tx, meta, before, now) };
  });
}

/** Revokes a locked, not yet revoked key. */
export async function applyRevoke(tx: UnitOfWork, meta: RequestMeta, before: ApiKeyRow, now: Date): Promise<ApiKeyRow> {
  const key = await tx.em.findOneOrFail(ApiKeyEntity, { id: before.id });
  key.revoked_at = now;
  await tx.em.flush();
  const after = toRow(key);
  await enqueueAudit(tx, {
    meta,
    orgId: before.org_id,
    action: 'api_key.revoke',
    resourceType: 'api_key',
    resourceId: before.id,
    before: auditView(before),
    after: auditView(after),
    at: now,
  });
  // In the same transaction: the gateway's credential cache refuses the key within a second of the commit.
  await enqueueCredentialChange(tx, { credentialId: before.id, orgId: before.org_id, kind: 'api_key', change: 'revoked', changedAt: now });
  return after;
}
