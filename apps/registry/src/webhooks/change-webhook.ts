import { ConflictError } from '@hookline/errors';
import { requestApproval } from '../request-approval/request-approval';
import type { RegistryDeps } from '../common/deps';
import type { RequestMeta } from '../common/scope';
import { readSettings } from '../settings/settings';
import { applyDelete, applyUpdate } from './apply-change';
import type { WebhookMutation } from './create-webhook';
import { validatePatch, type UpdateWebhookInput } from './validate-webhook';
import { findLiveWebhook } from './webhook-store';
import { inTransaction, readerFor } from '../db/unit-of-work';

export async function updateWebhook(
  deps: RegistryDeps,
  meta: RequestMeta,
  orgId: string,
  webhookId: string,
  input: UpdateWebhookInput,
): Promise<WebhookMutation> {
  // Another org's id is "not found" before anything about the body is said.
  await findLiveWebhook(deps.db.pool, orgId, webhookId);
  const patch = await validatePatch(input, { em: readerFor(deps), urlOptions: deps.urlOptions });
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const current = await findLiveWebhook(tx, orgId, webhookId, true);
    if (current.status === 'pending_approval') {
      throw new ConflictError('the webhook is awaiting approval of its creation; approve, reject or delete it first', {
        code: 'webhook_pending_approval',
      });
    }
    if (Object.keys(patch).length === 0) return { webhook: current };
    if ((await readSettings(tx.em, orgId)).approvals.update) {
      return { webhook: current, pendingApproval: await requestApproval(tx, deps.box, meta, current, { action: 'update', patch }, now) };
    }
    return { webhook: await applyUpdate(tx, deps.box, meta, current, patch, now) };
  });
}

/** Soft delete. Deleting a webhook still awaiting create-approval withdraws it without approval. */
export async function deleteWebhook(deps: RegistryDeps, meta: RequestMeta, orgId: string, webhookId: string): Promise<WebhookMutation> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const current = await findLiveWebhook(tx, orgId, webhookId, true);
    if (current.status !== 'pending_approval' && (await readSettings(tx.em, orgId)).approvals.delete) {
      return { webhook: current, pendingApproval: await requestApproval(tx, deps.box, meta, current, { action: 'delete' }, now) };
    }
    return { webhook: await applyDelete(tx, meta, current, now) };
  });
}
