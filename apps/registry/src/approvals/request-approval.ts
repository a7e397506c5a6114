import { addMs } from '../common/clock';
import { newId } from '../common/ids';
import type { RequestMeta } from '../common/scope';
import type { Queryable } from '../db/queryable';
import { enqueueAudit } from '../outbox/outbox';
import type { SecretBox } from '../secrets/secret-box';
import type { WebhookRow } from '../webhooks/webhook';
import { APPROVAL_TTL_MS, changeDigestInput, redactChange, type ApprovalChange, type ApprovalRow } from './approval';

/** Records a change awaiting a second admin, bound to the webhook's current version and a hash of the change. */
export async function requestApproval(
  tx: Queryable,
  box: SecretBox,
  meta: RequestMeta,
  webhook: WebhookRow,
  change: ApprovalChange,
  now: Date,
): Promise<ApprovalRow> {
  const changeJson = JSON.stringify(change);
  const version = Number(webhook.version);
  const { rows } = await tx.query<ApprovalRow>(
    `insert into approval (id, org_id, webhook_id, action, status, requested_by, requested_by_key_id, expires_at, created_at,
       change_redacted, change_sealed, change_hash, webhook_version)
     values ($1, $2, $3, $4, 'pending', $5, $6, $7, $8, $9, $10, $11, $12) returning *`,
    [
      newId('apr'),
      webhook.org_id,
      webhook.id,
      change.action,
      meta.actor.owner || meta.actor.kind,
      meta.actor.keyId,
      addMs(now, APPROVAL_TTL_MS),
      now,
      redactChange(change),
      box.seal(changeJson),
      box.fingerprint(changeDigestInput(webhook.id, version, changeJson)),
      version,
    ],
  );
  const approval = { ...rows[0], current_version: version };
  await enqueueAudit(tx, {
    meta,
    orgId: webhook.org_id,
    action: 'approval.request',
    resourceType: 'approval',
    resourceId: approval.id,
    after: { id: approval.id, action: change.action, webhook_id: webhook.id, change: approval.change_redacted },
    at: now,
  });
  return approval;
}
