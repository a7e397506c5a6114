import { InputError } from '@hookline/errors';
import type { commonV1 } from '@hookline/proto';
import type { RegistryDeps } from '../common/deps';
import { paginate, type Page } from '../common/pagination';
import { findLiveWebhook } from '../webhooks/webhook-store';
import type { ApprovalRow } from './approval';

const WITH_VERSION = `(select a.*, w.version as current_version from approval a left join webhook w on w.id = a.webhook_id) x`;
const STATUSES = ['pending', 'approved', 'rejected', 'expired', 'stale'];

export function listApprovals(deps: RegistryDeps, orgId: string, status: string, page: commonV1.PageRequest | undefined): Promise<Page<ApprovalRow>> {
  if (status && !STATUSES.includes(status)) {
    throw new InputError(`status must be one of ${STATUSES.join(', ')}`, { code: 'status_invalid', param: 'status' });
  }
  // Stored status only: a pending row past its expiry or version still shows "pending" in the
  // filter but is reported with its effective status (see effectiveStatus).
  const where = status ? 'org_id = $1 and status = $2' : 'org_id = $1';
  return paginate<ApprovalRow>(deps.db.pool, { table: WITH_VERSION, where, params: status ? [orgId, status] : [orgId] }, page);
}

/** History of one webhook, deleted webhooks included (their history stays readable). */
export async function listWebhookApprovals(
  deps: RegistryDeps,
  orgId: string,
  webhookId: string,
  page: commonV1.PageRequest | undefined,
): Promise<Page<ApprovalRow>> {
  const { rowCount } = await deps.db.pool.query('select 1 from webhook where id = $1 and org_id = $2', [webhookId, orgId]);
  if (rowCount === 0) await findLiveWebhook(deps.db.pool, orgId, webhookId); // throws NotFound
  return paginate<ApprovalRow>(deps.db.pool, { table: WITH_VERSION, where: 'org_id = $1 and webhook_id = $2', params: [orgId, webhookId] }, page);
}
