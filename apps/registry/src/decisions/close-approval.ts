import { withdrawApiKey } from '../api-keys/api-keys';
import type { RequestMeta } from '../common/scope';
import { ApprovalEntity } from '../db/entities/approval';
import type { UnitOfWork } from '../db/unit-of-work';
import type { ApprovalRow, ApprovalStatus } from '../model/approval';
import { enqueueAudit } from '../outbox/outbox';
import { principalOf } from '../principals/principal';
import { recordWebhookChange } from '../webhooks/record-change';
import { setWebhookStatus } from '../webhooks/webhook-store';
import type { Locked } from './lock-approval';

/** Records the decision (or the expiry or staleness found) on the approval, withdraws a creation that will not happen, and audits it. */
export async function closeApproval(tx: UnitOfWork, meta: RequestMeta, found: Locked, status: ApprovalStatus, now: Date, reason = ''): Promise<ApprovalRow> {
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

