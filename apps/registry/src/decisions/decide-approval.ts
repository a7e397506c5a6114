import { ConflictError, InputError, PermissionError } from '@hookline/errors';
import { FORBIDDEN } from '@hookline/grpc';
import type { ApiKeyRow } from '../api-keys/api-keys';
import type { RegistryDeps } from '../common/deps';
import type { RequestMeta } from '../common/scope';
import { inTransaction } from '../db/unit-of-work';
import type { ApprovalChange, ApprovalRow, ApprovalStatus } from '../model/approval';
import type { WebhookRow } from '../model/webhook';
import { principalOf } from '../principals/principal';
import type { OrgSettings } from '../settings/settings';
import { applyApprovedChange } from './apply-approved';
import { closeApproval } from './close-approval';
import { lockApproval, openChange, type Locked } from './lock-approval';

export interface ApprovalDecision {
  approval: ApprovalRow;
  /** The resource after the change, by the approval's resource type. */
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
      await closeApproval(tx, meta, found, blocked, now);
      return { error: conflictFor(blocked) };
    }
    const applied = await applyApprovedChange(deps, tx, meta, found, change, now);
    const approval = await closeApproval(tx, meta, { ...found, ...applied }, 'approved', now);
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
      await closeApproval(tx, meta, found, 'expired', now);
      return { error: conflictFor('expired') };
    }
    return { approval: await closeApproval(tx, meta, found, 'rejected', now, trimmed) };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.approval;
}
