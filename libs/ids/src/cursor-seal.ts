import { createHmac, timingSafeEqual } from 'node:crypto';
import { InputError } from '@hookline/errors';

/**
 * Cursors are sealed by whoever hands them to clients: `<base64url inner>.<base64url MAC>`, the MAC
 * an HMAC-SHA256 (truncated to 128 bits) over the list it belongs to and the inner cursor. A cursor a
 * client forged or altered, or took from another list or organization, is refused before any service
 * parses it.
 */
export interface CursorSeal {
  seal(inner: string, list: string): string;
  /** The inner cursor; `cursor_invalid` (400) when the token is not one this server sealed for `list`. */
  open(token: string, list: string): string;
}

const MAC_BYTES = 16;
const TOKEN = /^([A-Za-z0-9_-]{1,2048})\.([A-Za-z0-9_-]{22})$/;

export function createCursorSeal(key: Buffer): CursorSeal {
  if (key.length < 32) throw new Error('the cursor key must be at least 32 bytes');
  const mac = (list: string, inner: Buffer) => createHmac('sha256', key).update(`${list}\n`).update(inner).digest().subarray(0, MAC_BYTES);
  return {
    seal(inner, list) {
      const bytes = Buffer.from(inner, 'utf8');
      return `${bytes.toString('base64url')}.${mac(list, bytes).toString('base64url')}`;
    },
    open(token, list) {
      const match = TOKEN.exec(token);
      const inner = match ? Buffer.from(match[1], 'base64url') : undefined;
      const given = match ? Buffer.from(match[2], 'base64url') : undefined;
      // Both halves must be the exact text seal() writes: base64 leaves spare bits in a last
      // character, and a token that differs only there would otherwise open too.
      const canonical = inner?.toString('base64url') === match?.[1] && given?.toString('base64url') === match?.[2];
      if (!inner || !given || !canonical || given.length !== MAC_BYTES || !timingSafeEqual(given, mac(list, inner))) {
        throw new InputError('cursor is not one this API returned', { code: 'cursor_invalid', param: 'cursor' });
      }
      return inner.toString('utf8');
    },
  };
}
