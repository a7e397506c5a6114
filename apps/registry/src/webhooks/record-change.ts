import type { RequestMeta } from '../common/scope';
import type { Queryable } from '../db/queryable';
import { enqueueAudit, enqueueWebhookChange } from '../outbox/outbox';
import { filterJsonOf, webhookView, type WebhookRow } from '../model/webhook';

/**
 * Every committed webhook change, in the change's own transaction: one change-feed message
 * (no secret material) and one audit record with redacted before/after snapshots.
 */
export async function recordWebhookChange(
  tx: Queryable,
  meta: RequestMeta,
  change: { kind: string; action: string; before?: WebhookRow; after: WebhookRow; now: Date; details?: Record<string, unknown> },
): Promise<void> {
  const { after } = change;
  await enqueueWebhookChange(tx, {
    webhookId: after.id,
    orgId: after.org_id,
    change: change.kind,
    status: after.status,
    eventTypes: after.event_types,
    filterJson: filterJsonOf(after),
    version: Number(after.version),
    changedAt: change.now,
  });
  await enqueueAudit(tx, {
    meta,
    orgId: after.org_id,
    action: change.action,
    resourceType: 'webhook',
    resourceId: after.id,
    before: change.before ? webhookView(change.before) : undefined,
    after: { ...webhookView(after), ...change.details },
    at: change.now,
  });
}
