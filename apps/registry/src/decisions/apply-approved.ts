import { activateApiKey } from '../api-keys/api-keys';
import { applyRevoke } from '../api-keys/revoke-api-key';
import type { RegistryDeps } from '../common/deps';
import type { RequestMeta } from '../common/scope';
import type { UnitOfWork } from '../db/unit-of-work';
import type { ApprovalChange, WebhookChangeRequest } from '../model/approval';
import type { WebhookRow } from '../model/webhook';
import { writeSettings } from '../settings/settings';
import { activateCreated, applyDelete, applyUpdate } from '../webhooks/apply-change';
import type { Locked } from './lock-approval';

/** Carries out an approved change on its resource: settings, an API key or a webhook. */
export async function applyApprovedChange(deps: RegistryDeps, tx: UnitOfWork, meta: RequestMeta, found: Locked, change: ApprovalChange, now: Date): Promise<Omit<Locked, 'approval'>> {
  if ('target' in change) {
    if (change.target === 'settings') {
      return { settings: await writeSettings(tx, meta, found.approval.org_id, found.settings!.approvals, change.after, now) };
    }
    const apiKey = found.apiKey!;
    return { apiKey: change.action === 'create' ? await activateApiKey(tx, meta, apiKey.id, now) : await applyRevoke(tx, meta, apiKey, now) };
  }
  return { webhook: await applyWebhookChange(deps, tx, meta, found.webhook!, change, now) };
}

function applyWebhookChange(deps: RegistryDeps, tx: UnitOfWork, meta: RequestMeta, webhook: WebhookRow, change: WebhookChangeRequest, now: Date) {
  switch (change.action) {
    case 'create':
      return activateCreated(tx, meta, webhook, now);
    case 'update':
      return applyUpdate(tx, deps.box, meta, webhook, change.patch, now);
    case 'delete':
      return applyDelete(tx, meta, webhook, now);
  }
}

