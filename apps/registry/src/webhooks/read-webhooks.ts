import type { RegistryDeps } from '../common/deps';
import { paginate, type Page } from '../db/pagination';
import type { commonV1 } from '@hookline/proto';
import type { WebhookRow } from '../model/webhook';
import { findLiveWebhook } from './webhook-store';

export function getWebhook(deps: RegistryDeps, orgId: string, webhookId: string): Promise<WebhookRow> {
  return findLiveWebhook(deps.db.pool, orgId, webhookId);
}

export function listWebhooks(deps: RegistryDeps, orgId: string, page: commonV1.PageRequest | undefined): Promise<Page<WebhookRow>> {
  return paginate<WebhookRow>(deps.db.pool, { table: 'webhook', where: `org_id = $1 and status <> 'deleted'`, params: [orgId] }, page);
}
