import { randomBytes } from 'node:crypto';
import { decodePrefixedKey, encodePrefixedKey, invalidKey, SECRET_PREFIX } from './key-encoding';

/** Bytes of entropy in a secret we generate. */
const GENERATED_SECRET_BYTES = 32;
// Standard Webhooks: "at least 24 bytes (192 bits, 512 maximum)".
const MIN_SECRET_BYTES = 24;
const MAX_SECRET_BYTES = 64;

/** A new `whsec_` secret for the `hmac-sha256` scheme: 32 random bytes, base64. */
export function generateSigningSecret(): string {
  return encodePrefixedKey(SECRET_PREFIX, randomBytes(GENERATED_SECRET_BYTES));
}

/** The HMAC key inside a `whsec_` secret. Throws `InputError` (`invalid_signing_key`). */
export function decodeSigningSecret(secret: string): Buffer {
  const key = decodePrefixedKey(secret, SECRET_PREFIX, 'signing secret');
  if (key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) {
    throw invalidKey(`signing secret must hold ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} bytes, not ${key.length}`);
  }
  return key;
}
