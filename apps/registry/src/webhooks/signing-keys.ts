import { generateKeyPair, generateSigningSecret, type SignatureScheme } from '@hookline/signing';
import { DAY_MS, addMs } from '../common/clock';
import type { Queryable } from '../db/queryable';
import type { SecretBox } from '../secrets/secret-box';

/** How long a rotated-out key keeps signing, and how many such keys are kept. */
export const ROTATION_GRACE_MS = DAY_MS;
export const MAX_PREVIOUS_KEYS = 5;

export interface SigningMaterial {
  /** hmac: the whsec_ secret; asymmetric: the private key. Stored sealed only. */
  signingKey: string;
  /** '' for hmac. */
  publicKey: string;
}

export function newSigningMaterial(scheme: SignatureScheme): SigningMaterial {
  if (scheme === 'hmac-sha256') return { signingKey: generateSigningSecret(), publicKey: '' };
  const pair = generateKeyPair(scheme);
  return { signingKey: pair.privateKey, publicKey: pair.publicKey };
}

export async function insertSigningKey(tx: Queryable, box: SecretBox, webhookId: string, material: SigningMaterial, now: Date): Promise<void> {
  await tx.query('insert into signing_key (webhook_id, sealed_key, public_key, created_at) values ($1, $2, $3, $4)', [
    webhookId,
    box.seal(material.signingKey),
    material.publicKey,
    now,
  ]);
}

/**
 * Retires the current key (it keeps signing for 24 h), adds the new one and forgets old keys
 * beyond the newest MAX_PREVIOUS_KEYS retired ones. Returns when the retired key stops signing.
 */
export async function rotateSigningKey(tx: Queryable, box: SecretBox, webhookId: string, material: SigningMaterial, now: Date): Promise<Date> {
  await tx.query('update signing_key set retired_at = $2 where webhook_id = $1 and retired_at is null', [webhookId, now]);
  await insertSigningKey(tx, box, webhookId, material, now);
  await tx.query(
    `delete from signing_key where webhook_id = $1 and retired_at is not null and id not in (
       select id from signing_key where webhook_id = $1 and retired_at is not null order by id desc limit $2)`,
    [webhookId, MAX_PREVIOUS_KEYS],
  );
  return addMs(now, ROTATION_GRACE_MS);
}

/** Decrypted keys that sign now: the current first, then retired ones still inside their 24 h. */
export async function activeSigningKeys(db: Queryable, box: SecretBox, webhookId: string, now: Date): Promise<string[]> {
  const { rows } = await db.query<{ sealed_key: string }>(
    `select sealed_key from signing_key
      where webhook_id = $1 and (retired_at is null or retired_at > $2)
      order by (retired_at is null) desc, id desc limit $3`,
    [webhookId, addMs(now, -ROTATION_GRACE_MS), MAX_PREVIOUS_KEYS + 1],
  );
  return rows.map((r) => box.open(r.sealed_key));
}
