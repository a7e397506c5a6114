import { ConflictError, InputError, NotFoundError, PermissionError } from '@hookline/errors';
import type { RegistryDeps } from '../common/deps';
import type { RequestMeta } from '../common/scope';
import type { Queryable } from '../db/queryable';
import { enqueueAudit } from '../outbox/outbox';
import { activateCreated, applyDelete, applyUpdate } from '../webhooks/apply-change';
import type { WebhookRow } from '../webhooks/webhook';
import { setWebhookStatus } from '../webhooks/webhook-store';
import { recordWebhookChange } from '../webhooks/record-change';
import { changeDigestInput, type ApprovalChange, type ApprovalRow, type ApprovalStatus } from './approval';

export interface ApprovalDecision {
  approval: ApprovalRow;
  webhook: WebhookRow;
}

function requireApprover(meta: RequestMeta): void {
  if (meta.actor.kind !== 'api_key' || meta.actor.role !== 'admin') {
    throw new PermissionError('only an admin API key may decide approvals', { code: 'forbidden' });
  }
}

async function lockApproval(tx: Queryable, orgId: string, approvalId: string): Promise<{ approval: ApprovalRow; webhook: WebhookRow }> {
  const { rows } = await tx.query<ApprovalRow>('select * from approval where id = $1 and org_id = $2 for update', [approvalId, orgId]);
  if (!rows[0]) throw new NotFoundError('approval not found');
  const webhook = await tx.query<WebhookRow>('select * from webhook where id = $1 for update', [rows[0].webhook_id]);
  return { approval: { ...rows[0], current_version: webhook.rows[0].version }, webhook: webhook.rows[0] };
}

/** Why a pending approval can no longer be applied, or null when it can. */
function obstacle(approval: ApprovalRow, webhook: WebhookRow, now: Date): Exclude<ApprovalStatus, 'pending' | 'approved' | 'rejected'> | null {
  if (now.getTime() >= approval.expires_at.getTime()) return 'expired';
  if (Number(webhook.version) !== Number(approval.webhook_version) || webhook.status === 'deleted') return 'stale';
  return null;
}

const conflictFor = (status: ApprovalStatus) =>
  status === 'expired'
    ? new ConflictError('the approval expired (approvals are valid for 7 days)', { code: 'approval_expired' })
    : status === 'stale'
      ? new ConflictError('the webhook changed after this approval was requested; request the change again', { code: 'approval_stale' })
      : new ConflictError(`the approval is already ${status}`, { code: 'approval_not_pending' });

async function close(
  tx: Queryable,
  meta: RequestMeta,
  found: { approval: ApprovalRow; webhook: WebhookRow },
  status: ApprovalStatus,
  now: Date,
  reason = '',
): Promise<ApprovalRow> {
  const { rows } = await tx.query<ApprovalRow>(
    `update approval set status = $2, decided_by = $3, decided_at = $4, reason = $5 where id = $1 returning *`,
    [found.approval.id, status, status === 'approved' || status === 'rejected' ? meta.actor.owner : '', now, reason],
  );
  // A create that will never be approved must not linger, holding its name and a slot.
  if (status !== 'approved' && found.approval.action === 'create' && found.webhook.status === 'pending_approval') {
    const withdrawn = await setWebhookStatus(tx, found.webhook.id, 'deleted', now);
    await recordWebhookChange(tx, meta, { kind: 'deleted', action: 'webhook.withdraw', before: found.webhook, after: withdrawn, now });
  }
  await enqueueAudit(tx, {
    meta,
    orgId: found.approval.org_id,
    action: `approval.${status === 'approved' ? 'approve' : status === 'rejected' ? 'reject' : status}`,
    resourceType: 'approval',
    resourceId: found.approval.id,
    before: { status: found.approval.status },
    after: { status, webhook_id: found.approval.webhook_id, action: found.approval.action, reason: reason || undefined },
    at: now,
  });
  return { ...rows[0], current_version: found.webhook.version };
}

async function applyChange(deps: RegistryDeps, tx: Queryable, meta: RequestMeta, approval: ApprovalRow, webhook: WebhookRow, now: Date) {
  const changeJson = deps.box.open(approval.change_sealed);
  const expected = deps.box.fingerprint(changeDigestInput(webhook.id, Number(approval.webhook_version), changeJson));
  if (expected !== approval.change_hash) throw new Error(`approval ${approval.id}: stored change does not match its hash`);
  const change = JSON.parse(changeJson) as ApprovalChange;
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
 * Applies the approved change in one transaction. An approval found expired or stale is closed
 * as such (committed) and the caller gets the matching conflict.
 */
export async function approveApproval(deps: RegistryDeps, meta: RequestMeta, orgId: string, approvalId: string): Promise<ApprovalDecision> {
  requireApprover(meta);
  const now = deps.clock();
  const outcome = await deps.db.transaction(async (tx) => {
    const found = await lockApproval(tx, orgId, approvalId);
    if (found.approval.requested_by === meta.actor.owner) {
      throw new PermissionError('an approval must be decided by an admin other than the requester', { code: 'self_approval' });
    }
    if (found.approval.status !== 'pending') return { error: conflictFor(found.approval.status) };
    const blocked = obstacle(found.approval, found.webhook, now);
    if (blocked) {
      await close(tx, meta, found, blocked, now);
      return { error: conflictFor(blocked) };
    }
    const webhook = await applyChange(deps, tx, meta, found.approval, found.webhook, now);
    const approval = await close(tx, meta, { ...found, webhook }, 'approved', now);
    return { decision: { approval, webhook } };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.decision;
}

export async function rejectApproval(deps: RegistryDeps, meta: RequestMeta, orgId: string, approvalId: string, reason: string): Promise<ApprovalRow> {
  requireApprover(meta);
  const trimmed = reason.trim();
  if (trimmed.length > 500) throw new InputError('reason must be at most 500 characters', { code: 'reason_invalid', param: 'reason' });
  const now = deps.clock();
  const outcome = await deps.db.transaction(async (tx) => {
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
