import type { EntityManager, FilterQuery } from '@hookline/db';
import { InputError } from '@hookline/errors';
import type { commonV1 } from '@hookline/proto';
import type { RegistryDeps } from '../common/deps';
import { paginateEntities, type Page } from '../db/pagination';
import { ApprovalEntity, type ApprovalRecord } from '../db/entities/approval';
import { WebhookEntity } from '../db/entities/webhook';
import { readerFor } from '../db/unit-of-work';
import { findLiveWebhook } from '../webhooks/webhook-store';
import type { ApprovalRow } from '../model/approval';

const STATUSES = ['pending', 'approved', 'rejected', 'expired', 'stale'];

export function listApprovals(deps: RegistryDeps, orgId: string, status: string, page: commonV1.PageRequest | undefined): Promise<Page<ApprovalRow>> {
  if (status && !STATUSES.includes(status)) {
    throw new InputError(`status must be one of ${STATUSES.join(', ')}`, { code: 'status_invalid', param: 'status' });
  }
  // Stored status only: a pending row past its expiry or version still shows "pending" in the
  // filter but is reported with its effective status (see effectiveStatus).
  const where: FilterQuery<ApprovalRecord> = status ? { org_id: orgId, status: status as ApprovalRecord['status'] } : { org_id: orgId };
  return pageWithVersions(readerFor(deps), where, page);
}

/** History of one webhook, deleted webhooks included (their history stays readable). */
export async function listWebhookApprovals(
  deps: RegistryDeps,
  orgId: string,
  webhookId: string,
  page: commonV1.PageRequest | undefined,
): Promise<Page<ApprovalRow>> {
  const em = readerFor(deps);
  const webhook = await em.findOne(WebhookEntity, { id: webhookId, org_id: orgId }, { fields: ['id'] });
  if (!webhook) await findLiveWebhook(deps.db.pool, orgId, webhookId); // throws NotFound
  return pageWithVersions(em, { org_id: orgId, webhook_id: webhookId }, page);
}

/** A page of approvals, each with its webhook's version now (to tell a stale pending approval). */
async function pageWithVersions(em: EntityManager, where: FilterQuery<ApprovalRecord>, page: commonV1.PageRequest | undefined): Promise<Page<ApprovalRow>> {
  const { items, pageInfo } = await paginateEntities(em, ApprovalEntity, where, page);
  const webhookIds = [...new Set(items.flatMap((a) => (a.webhook_id ? [a.webhook_id] : [])))];
  const webhooks = webhookIds.length > 0 ? await em.find(WebhookEntity, { id: { $in: webhookIds } }, { fields: ['id', 'version'] }) : [];
  const versions = new Map(webhooks.map((w) => [w.id, w.version]));
  return { items: items.map((a) => ({ ...a, current_version: a.webhook_id ? (versions.get(a.webhook_id) ?? null) : null })), pageInfo };
}
