import { randomUUID } from 'node:crypto';

/** 1–255 printable ASCII characters, as the API accepts them. */
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;

/** A fresh key for one logical publish: every retry of that publish reuses it. */
export function generateIdempotencyKey(): string {
  return `sdk_${randomUUID()}`;
}

export function checkIdempotencyKey(key: string): string {
  if (!IDEMPOTENCY_KEY.test(key)) throw new TypeError('an Idempotency-Key is 1–255 printable ASCII characters');
  return key;
}
