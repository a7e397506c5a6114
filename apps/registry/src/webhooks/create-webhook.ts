import { InputError, NotFoundError } from '@hookline/errors';
import { newId } from '@hookline/ids';
import { requestApproval } from '../request-approval/request-approval';
import type { ApprovalRow } from '../model/approval';
import type { RegistryDeps } from '../common/deps';
import type { RequestMeta } from '../common/scope';
import { readSettings } from '../settings/settings';
import { recordWebhookChange } from './record-change';
import { insertSigningKey, newSigningMaterial } from './signing-keys';
import { validateCreate, type CreateWebhookInput } from './validate-webhook';
import type { WebhookRow } from '../model/webhook';
import { insertWebhook } from './webhook-store';
import { inTransaction, readerFor } from '../db/unit-of-work';

/** The result of a create, update or delete: applied, or waiting for a second admin. */
export interface WebhookMutation {
  webhook: WebhookRow;
  pendingApproval?: ApprovalRow;
  /** Create with hmac-sha256 only: the whsec_ secret, returned once. */
  signingSecret?: string;
}

export async function createWebhook(deps: RegistryDeps, meta: RequestMeta, orgId: string, input: CreateWebhookInput): Promise<WebhookMutation> {
  const spec = await validateCreate(input, { em: readerFor(deps), urlOptions: deps.urlOptions });
  const material = newSigningMaterial(spec.signatureScheme);
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    // The org row lock serialises creates, so two concurrent requests cannot both take the last slot.
    const org = await tx.query('select id from organization where id = $1 for update', [orgId]);
    if (org.rowCount === 0) throw new NotFoundError('organization not found');
    const { rows } = await tx.query<{ n: number }>(`select count(*)::int as n from webhook where org_id = $1 and status <> 'deleted'`, [orgId]);
    if (rows[0].n >= deps.maxWebhooksPerOrg) {
      throw new InputError(`an organization can have at most ${deps.maxWebhooksPerOrg} webhooks; delete one first`, {
        code: 'webhook_limit_reached',
        details: { limit: deps.maxWebhooksPerOrg },
      });
    }
    const needsApproval = (await readSettings(tx.em, orgId)).approvals.create;
    const webhook = await insertWebhook(tx, deps.box, {
      id: newId('wh'),
      orgId,
      status: needsApproval ? 'pending_approval' : 'active',
      spec,
      publicKey: material.publicKey,
      now,
    });
    await insertSigningKey(tx, deps.box, webhook.id, material, now);
    await recordWebhookChange(tx, meta, { kind: 'created', action: 'webhook.create', after: webhook, now });
    const pendingApproval = needsApproval ? await requestApproval(tx, deps.box, meta, webhook, { action: 'create', spec }, now) : undefined;
    return { webhook, pendingApproval, signingSecret: spec.signatureScheme === 'hmac-sha256' ? material.signingKey : undefined };
  });
}
