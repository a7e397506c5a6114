import { LockMode } from '@hookline/db';
import { FORBIDDEN } from '@hookline/grpc';
import { ConflictError, InputError, NotFoundError, PermissionError } from '@hookline/errors';
import { activateApiKey, lockApiKey, withdrawApiKey, type ApiKeyRow } from '../api-keys/api-keys';
import { applyRevoke } from '../api-keys/revoke-api-key';
import { principalOf } from '../api-keys/principal';
import type { RegistryDeps } from '../common/deps';
import type { RequestMeta } from '../common/scope';
import { ApprovalEntity } from '../db/entities/approval';
import { OrganizationEntity } from '../db/entities/organization';
import { enqueueAudit } from '../outbox/outbox';
import { readSettings, writeSettings, type OrgSettings } from '../settings/settings';
import { activateCreated, applyDelete, applyUpdate } from '../webhooks/apply-change';
import type { WebhookRow } from '../webhooks/webhook';
import { setWebhookStatus } from '../webhooks/webhook-store';
import { recordWebhookChange } from '../webhooks/record-change';
import { changeDigestInput, type ApprovalChange, type ApprovalRow, type ApprovalStatus, type WebhookChange } from './approval';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work';

export interface ApprovalDecision {
  approval: ApprovalRow;
  /** The resource after the change, by the approval's resource type. */
  webhook?: WebhookRow;
  apiKey?: ApiKeyRow;
  settings?: OrgSettings;
}

/** An approval and its resource, both locked for the decision. */
interface Locked {
  approval: ApprovalRow;
  webhook?: WebhookRow;
  apiKey?: ApiKeyRow;
  settings?: OrgSettings;
}

/**
 * Four eyes compare principals, which only API keys have: the operator (admitted by the policy
 * table like an admin) does not decide approvals. The admin role itself is the policy table's rule.
 */
function requireApprover(meta: RequestMeta): void {
  if (meta.actor.kind !== 'api_key') {
    throw new PermissionError('only an admin API key may decide approvals', { code: FORBIDDEN });
  }
}

async function lockApproval(tx: UnitOfWork, orgId: string, approvalId: string): Promise<Locked> {
  const record = await tx.em.findOne(ApprovalEntity, { id: approvalId, org_id: orgId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!record) throw new NotFoundError('approval not found');
  const approval: ApprovalRow = { ...record };
  switch (approval.resource_type) {
    case 'api_key': {
      const apiKey = await lockApiKey(tx, orgId, approval.resource_id);
      if (!apiKey) throw new Error(`approval ${approval.id}: API key ${approval.resource_id} is missing`);
      return { approval, apiKey };
    }
    case 'settings':
      await tx.em.findOne(OrganizationEntity, { id: orgId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      return { approval, settings: await readSettings(tx.em, orgId) };
    default: {
      const webhook = await tx.query<WebhookRow>('select * from webhook where id = $1 for update', [approval.webhook_id]);
      return { approval: { ...approval, current_version: webhook.rows[0].version }, webhook: webhook.rows[0] };
    }
  }
}

/** The sealed change, checked against the hash the approval was bound to. */
function openChange(deps: RegistryDeps, approval: ApprovalRow): ApprovalChange {
  const changeJson = deps.box.open(approval.change_sealed);
  const expected = deps.box.fingerprint(changeDigestInput(approval.resource_id, Number(approval.webhook_version), changeJson));
  if (expected !== approval.change_hash) throw new Error(`approval ${approval.id}: stored change does not match its hash`);
  return JSON.parse(changeJson) as ApprovalChange;
}

/** Why a pending approval can no longer be applied, or null when it can. */
function obstacle(found: Locked, change: ApprovalChange, now: Date): 'expired' | 'stale' | null {
  if (now.getTime() >= found.approval.expires_at.getTime()) return 'expired';
  const { webhook, apiKey, settings } = found;
  if (webhook) {
    return Number(webhook.version) !== Number(found.approval.webhook_version) || webhook.status === 'deleted' ? 'stale' : null;
  }
  if (apiKey) {
    const expected = change.action === 'create' ? 'pending_approval' : 'active';
    return apiKey.revoked_at || apiKey.status !== expected ? 'stale' : null;
  }
  if (settings && 'target' in change && change.target === 'settings') {
    return JSON.stringify(settings.approvals) !== JSON.stringify(change.before) ? 'stale' : null;
  }
  return null;
}

const conflictFor = (status: ApprovalStatus) =>
  status === 'expired'
    ? new ConflictError('the approval expired (approvals are valid for 7 days)', { code: 'approval_expired' })
    : status === 'stale'
      ? new ConflictError('the resource changed after this approval was requested; request the change again', { code: 'approval_stale' })
      : new ConflictError(`the approval is already ${status}`, { code: 'approval_not_pending' });

async function close(tx: UnitOfWork, meta: RequestMeta, found: Locked, status: ApprovalStatus, now: Date, reason = ''): Promise<ApprovalRow> {
  const record = await tx.em.findOneOrFail(ApprovalEntity, { id: found.approval.id });
  const decidedBy = status === 'approved' || status === 'rejected' ? await principalOf(tx.em, meta) : '';
  tx.em.assign(record, { status, decided_by: decidedBy, decided_at: now, reason });
  await tx.em.flush();
  // A creation that will never be approved must not linger: a webhook holding its name and a
  // slot, a key that could still be activated.
  if (status !== 'approved' && found.approval.action === 'create') {
    if (found.webhook?.status === 'pending_approval') {
      const withdrawn = await setWebhookStatus(tx, found.webhook.id, 'deleted', now);
      await recordWebhookChange(tx, meta, { kind: 'deleted', action: 'webhook.withdraw', before: found.webhook, after: withdrawn, now });
    }
    if (found.apiKey) await withdrawApiKey(tx, meta, found.apiKey.id, now);
  }
  await enqueueAudit(tx, {
    meta,
    orgId: found.approval.org_id,
    action: `approval.${status === 'approved' ? 'approve' : status === 'rejected' ? 'reject' : status}`,
    resourceType: 'approval',
    resourceId: found.approval.id,
    before: { status: found.approval.status },
    after: {
      status,
      resource_type: found.approval.resource_type,
      resource_id: found.approval.resource_id,
      webhook_id: found.approval.webhook_id ?? undefined,
      action: found.approval.action,
      reason: reason || undefined,
    },
    at: now,
  });
  return { ...record, current_version: found.webhook?.version ?? null };
}

async function applyChange(deps: RegistryDeps, tx: UnitOfWork, meta: RequestMeta, found: Locked, change: ApprovalChange, now: Date): Promise<Omit<ApprovalDecision, 'approval'>> {
  if ('target' in change) {
    if (change.target === 'settings') {
      return { settings: await writeSettings(tx, meta, found.approval.org_id, found.settings!.approvals, change.after, now) };
    }
    const apiKey = found.apiKey!;
    return { apiKey: change.action === 'create' ? await activateApiKey(tx, meta, apiKey.id, now) : await applyRevoke(tx, meta, apiKey, now) };
  }
  return { webhook: await applyWebhookChange(deps, tx, meta, found.webhook!, change, now) };
}

function applyWebhookChange(deps: RegistryDeps, tx: UnitOfWork, meta: RequestMeta, webhook: WebhookRow, change: WebhookChange, now: Date) {
  switch (change.action) {
    case 'create':
      return activateCreated(tx, meta, webhook, now);
    case 'update':
      return applyUpdate(tx, deps.box, meta, webhook, change.patch, now);
    case 'delete':
      return applyDelete(tx, meta, webhook, now);
  }
}

/**
 * Applies the approved change in one transaction. The approver must act for another principal
 * than the requester (the registry's record of both keys decides, not their owner labels). An
 * approval found expired or stale is closed as such (committed) and the caller gets the conflict.
 */
export async function approveApproval(deps: RegistryDeps, meta: RequestMeta, orgId: string, approvalId: string): Promise<ApprovalDecision> {
  requireApprover(meta);
  const now = deps.clock();
  const outcome = await inTransaction(deps, async (tx) => {
    const found = await lockApproval(tx, orgId, approvalId);
    if ((await principalOf(tx.em, meta)) === found.approval.requested_by_principal) {
      throw new PermissionError('an approval must be decided by an admin acting for another principal than the requester', { code: 'self_approval' });
    }
    if (found.approval.status !== 'pending') return { error: conflictFor(found.approval.status) };
    const change = openChange(deps, found.approval);
    const blocked = obstacle(found, change, now);
    if (blocked) {
      await close(tx, meta, found, blocked, now);
      return { error: conflictFor(blocked) };
    }
    const applied = await applyChange(deps, tx, meta, found, change, now);
    const approval = await close(tx, meta, { ...found, ...applied }, 'approved', now);
    return { decision: { approval, ...applied } };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.decision;
}

export async function rejectApproval(deps: RegistryDeps, meta: RequestMeta, orgId: string, approvalId: string, reason: string): Promise<ApprovalRow> {
  requireApprover(meta);
  const trimmed = reason.trim();
  if (trimmed.length > 500) throw new InputError('reason must be at most 500 characters', { code: 'reason_invalid', param: 'reason' });
  const now = deps.clock();
  const outcome = await inTransaction(deps, async (tx) => {
    const found = await lockApproval(tx, orgId, approvalId);
    if (found.approval.status !== 'pending') return { error: conflictFor(found.approval.status) };
    if (now.getTime() >= found.approval.expires_at.getTime()) {
      await close(tx, meta, found, 'expired', now);
      return { error: conflictFor('expired') };
    }
    return { approval: await close(tx, meta, found, 'rejected', now, trimmed) };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.approval;
}
