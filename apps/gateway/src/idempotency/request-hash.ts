import { createHash } from 'node:crypto';
import { InputError } from '@hookline/errors';

const PRINTABLE_ASCII = /^[\x20-\x7e]{1,255}$/;

/** `Idempotency-Key`: 1–255 printable ASCII characters (DESIGN §5). */
export function checkIdempotencyKey(key: string): string {
  if (!PRINTABLE_ASCII.test(key)) {
    throw new InputError('Idempotency-Key must be 1–255 printable ASCII characters.', { code: 'idempotency_key_invalid', param: 'Idempotency-Key' });
  }
  return key;
}

/**
 * Fingerprint of what a request asks for: method, path and body. Key order and whitespace do
 * not matter, so a client re-serialising the same body still gets its stored response.
 */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n`)
    .update(body === undefined ? '' : canonicalJson(body))
    .digest('hex');
}

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
