import type { RequestMeta } from '../common/scope';
import type { Queryable } from '../db/queryable';
import type { SecretBox } from '../secrets/secret-box';
import { recordWebhookChange } from './record-change';
import type { WebhookPatch, WebhookRow } from '../model/webhook';
import { setWebhookStatus, updateWebhookRow } from './webhook-store';

// The changes themselves, shared by the direct path and by an approval being applied. Each runs
// inside the caller's transaction with the webhook row locked, and records its outbox rows.

export async function applyUpdate(
  tx: Queryable,
  box: SecretBox,
  meta: RequestMeta,
  current: WebhookRow,
  patch: WebhookPatch,
  now: Date,
): Promise<WebhookRow> {
  const updated = await updateWebhookRow(tx, box, current, patch, now);
  await recordWebhookChange(tx, meta, { kind: 'updated', action: 'webhook.update', before: current, after: updated, now });
  return updated;
}

export async function applyDelete(tx: Queryable, meta: RequestMeta, current: WebhookRow, now: Date): Promise<WebhookRow> {
  const deleted = await setWebhookStatus(tx, current.id, 'deleted', now);
  await recordWebhookChange(tx, meta, { kind: 'deleted', action: 'webhook.delete', before: current, after: deleted, now });
  return deleted;
}

/** An approved create: the webhook starts receiving events. */
export async function activateCreated(tx: Queryable, meta: RequestMeta, current: WebhookRow, now: Date): Promise<WebhookRow> {
  const active = await setWebhookStatus(tx, current.id, 'active', now);
  await recordWebhookChange(tx, meta, { kind: 'approved', action: 'webhook.activate', before: current, after: active, now });
  return active;
}
