import { InputError } from '@hookline/errors';

/** Standard Webhooks prefixes, so a key's kind is visible wherever it is pasted. */
export const SECRET_PREFIX = 'whsec_';
export const PUBLIC_KEY_PREFIX = 'whpk_';
export const PRIVATE_KEY_PREFIX = 'whsk_';

// Canonical, padded base64 only: Buffer.from(…, 'base64') would silently skip bad characters
// and turn a mangled key into a different key.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function invalidKey(message: string, cause?: unknown): InputError {
  return new InputError(message, { code: 'invalid_signing_key', cause });
}

/** Decodes `<prefix><base64>` into bytes, rejecting anything that is not exactly that. */
export function decodePrefixedKey(value: string, prefix: string, what: string): Buffer {
  if (typeof value !== 'string' || !value.startsWith(prefix)) {
    throw invalidKey(`${what} must start with "${prefix}"`);
  }
  const encoded = value.slice(prefix.length);
  if (encoded.length === 0 || !BASE64.test(encoded)) {
    throw invalidKey(`${what} must be "${prefix}" followed by base64`);
  }
  return Buffer.from(encoded, 'base64');
}

export function encodePrefixedKey(prefix: string, bytes: Uint8Array): string {
  return prefix + Buffer.from(bytes).toString('base64');
}
