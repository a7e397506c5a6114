import { newId } from '@hookline/ids';
import { principalOf } from '../api-keys/principal';
import { addMs } from '../common/clock';
import type { RequestMeta } from '../common/scope';
import type { Queryable } from '../db/queryable';
import { enqueueAudit } from '../outbox/outbox';
import type { SecretBox } from '../secrets/secret-box';
import type { WebhookRow } from '../webhooks/webhook';
import { APPROVAL_TTL_MS, changeDigestInput, redactChange, type ApprovalChange, type ApprovalRow } from './approval';

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
  tx: Queryable,
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
  tx: Queryable,
  box: SecretBox,
  meta: RequestMeta,
  subject: ApprovalSubject,
  change: ApprovalChange,
  now: Date,
): Promise<ApprovalRow> {
  const changeJson = JSON.stringify(change);
  const version = subject.webhookVersion ?? 0;
  const webhookId = subject.resourceType === 'webhook' ? subject.resourceId : null;
  const { rows } = await tx.query<ApprovalRow>(
    `insert into approval (id, org_id, webhook_id, action, status, requested_by, requested_by_key_id, expires_at, created_at,
       change_redacted, change_sealed, change_hash, webhook_version, resource_type, resource_id, requested_by_principal)
     values ($1, $2, $3, $4, 'pending', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning *`,
    [
      newId('apr'),
      subject.orgId,
      webhookId,
      change.action,
      meta.actor.owner || meta.actor.kind,
      meta.actor.keyId,
      addMs(now, APPROVAL_TTL_MS),
      now,
      redactChange(change),
      box.seal(changeJson),
      box.fingerprint(changeDigestInput(subject.resourceId, version, changeJson)),
      version,
      subject.resourceType,
      subject.resourceId,
      await principalOf(tx, meta),
    ],
  );
  const approval = { ...rows[0], current_version: webhookId ? version : undefined };
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
