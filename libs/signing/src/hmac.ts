import { createHmac, timingSafeEqual } from 'node:crypto';

const HMAC_SHA256_BYTES = 32;

/** HMAC-SHA256 of the signed content, given in parts (not joined: a body can be large), base64: the part after `v1,`. */
export function hmacSignature(key: Buffer, ...content: Uint8Array[]): string {
  const hmac = createHmac('sha256', key);
  for (const part of content) hmac.update(part);
  return hmac.digest('base64');
}

/** Constant-time check of a decoded `v1` signature. */
export function verifyHmac(key: Buffer, content: Buffer, signature: Buffer): boolean {
  if (signature.length !== HMAC_SHA256_BYTES) return false;
  return timingSafeEqual(createHmac('sha256', key).update(content).digest(), signature);
}
