import { newId } from '@hookline/ids';
import { principalOf } from '../principals/principal';
import { addMs } from '../common/clock';
import type { RequestMeta } from '../common/scope';
import { ApprovalEntity, type ApprovalRecord } from '../db/entities/approval';
import type { UnitOfWork } from '../db/unit-of-work';
import { enqueueAudit } from '../outbox/outbox';
import type { SecretBox } from '../secrets/secret-box';
import type { WebhookRow } from '../model/webhook';
import { APPROVAL_TTL_MS, changeDigestInput, redactChange, type ApprovalChange, type ApprovalRow } from '../model/approval';

/** What an approval is about: a webhook (bound to its version), an API key or the org settings. */
export interface ApprovalSubject {
  orgId: string;
  resourceType: 'webhook' | 'api_key' | 'settings';
  resourceId: string;
  /** Webhooks only: the version the change is bound to. */
  webhookVersion?: number;
}

/** Records a webhook change awaiting a second admin, bound to the webhook's current version and a hash of the change. */
export function requestApproval(
  tx: UnitOfWork,
  box: SecretBox,
  meta: RequestMeta,
  webhook: WebhookRow,
  change: ApprovalChange,
  now: Date,
): Promise<ApprovalRow> {
  return recordApproval(tx, box, meta, { orgId: webhook.org_id, resourceType: 'webhook', resourceId: webhook.id, webhookVersion: Number(webhook.version) }, change, now);
}

/** Records any change awaiting approval by a principal other than the requester's. */
export async function recordApproval(
  tx: UnitOfWork,
  box: SecretBox,
  meta: RequestMeta,
  subject: ApprovalSubject,
  change: ApprovalChange,
  now: Date,
): Promise<ApprovalRow> {
  const changeJson = JSON.stringify(change);
  const version = subject.webhookVersion ?? 0;
  const webhookId = subject.resourceType === 'webhook' ? subject.resourceId : null;
  // Approvals name principals, never the owner labels callers give their keys.
  const principal = await principalOf(tx.em, meta);
  const record: ApprovalRecord = {
    id: newId('apr'),
    org_id: subject.orgId,
    webhook_id: webhookId,
    resource_type: subject.resourceType,
    resource_id: subject.resourceId,
    requested_by_principal: principal,
    action: change.action,
    status: 'pending',
    requested_by: principal,
    requested_by_key_id: meta.actor.keyId,
    decided_by: '',
    decided_at: null,
    reason: '',
    expires_at: addMs(now, APPROVAL_TTL_MS),
    created_at: now,
    change_redacted: redactChange(change),
    change_sealed: box.seal(changeJson),
    change_hash: box.fingerprint(changeDigestInput(subject.resourceId, version, changeJson)),
    // bigint: read back as a string, as pg returns it.
    webhook_version: String(version),
  };
  await tx.em.insert(ApprovalEntity, record);
  const approval: ApprovalRow = { ...record, current_version: webhookId ? version : undefined };
  await enqueueAudit(tx, {
    meta,
    orgId: subject.orgId,
    action: 'approval.request',
    resourceType: 'approval',
    resourceId: approval.id,
    after: { id: approval.id, action: change.action, resource_type: subject.resourceType, resource_id: subject.resourceId, webhook_id: webhookId ?? undefined, change: approval.change_redacted },
    at: now,
  });
  return approval;
}
