import type { RegistryDeps } from '../common/deps';
import type { RequestMeta } from '../common/scope';
import { recordWebhookChange } from './record-change';
import { newSigningMaterial, rotateSigningKey } from './signing-keys';
import type { WebhookRow } from '../model/webhook';
import { bumpWebhookVersion, findLiveWebhook } from './webhook-store';
import { inTransaction } from '../db/unit-of-work';

export interface RotatedSecret {
  webhook: WebhookRow;
  /** hmac: the new whsec_ secret (returned once); asymmetric: ''. */
  secret: string;
  publicKey: string;
  previousValidUntil: Date;
}

export async function rotateSecret(deps: RegistryDeps, meta: RequestMeta, orgId: string, webhookId: string): Promise<RotatedSecret> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const current = await findLiveWebhook(tx, orgId, webhookId, true);
    const material = newSigningMaterial(current.signature_scheme);
    const previousValidUntil = await rotateSigningKey(tx, deps.box, current.id, material, now);
    const webhook = await bumpWebhookVersion(tx, current.id, now, material.publicKey || undefined);
    await recordWebhookChange(tx, meta, {
      kind: 'secret_rotated',
      action: 'webhook.rotate_secret',
      before: current,
      after: webhook,
      now,
      details: { previous_valid_until: previousValidUntil.toISOString() },
    });
    const secret = current.signature_scheme === 'hmac-sha256' ? material.signingKey : '';
    return { webhook, secret, publicKey: material.publicKey, previousValidUntil };
  });
}
