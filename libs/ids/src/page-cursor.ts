import { InputError } from '@hookline/errors';

/** `next` continues after the key (older rows in a newest-first list); `prev` goes back before it. */
export type CursorDirection = 'next' | 'prev';

/** The keyset position a page starts from, e.g. `[createdAt, id]` or `[sequence]`. */
export type CursorKey = readonly (string | number)[];

export interface PageCursor<K extends CursorKey = CursorKey> {
  direction: CursorDirection;
  key: K;
}

/** Opaque to clients: base64url of a JSON array, the direction (`n`/`p`) then the key. */
export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.direction === 'next' ? 'n' : 'p', ...cursor.key])).toString('base64url');
}

/**
 * Reads a cursor this API handed out; `isKey` says whether the key has the shape the list uses.
 * Anything else is the client's mistake: `cursor_invalid`.
 */
export function decodeCursor<K extends CursorKey>(raw: string, isKey: (key: readonly unknown[]) => key is K): PageCursor<K> {
  let parsed: unknown;
  try {
    // Only the exact text encodeCursor writes: Buffer skips characters outside the alphabet.
    const text = BASE64URL.test(raw) ? Buffer.from(raw, 'base64url').toString('utf8') : '';
    parsed = Buffer.from(text).toString('base64url') === raw ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && (parsed[0] === 'n' || parsed[0] === 'p')) {
    const key = parsed.slice(1);
    if (isKey(key)) return { direction: parsed[0] === 'n' ? 'next' : 'prev', key };
  }
  throw new InputError('cursor is not one this API returned', { code: 'cursor_invalid', param: 'cursor' });
}

const BASE64URL = /^[A-Za-z0-9_-]{1,2048}$/;
/** The times services write into keys: UTC, milliseconds or microseconds, years 1970–9999. */
const KEY_TIME = /^(19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const KEY_ID = /^[a-z]{2,8}_[0-9A-Za-z]{1,64}$/;

/** A key check for `[timestamp, id]` keys: a UTC time as services write it and a prefixed id. */
export function isTimeIdKey(key: readonly unknown[]): key is readonly [string, string] {
  return (
    key.length === 2 &&
    typeof key[0] === 'string' &&
    KEY_TIME.test(key[0]) &&
    !Number.isNaN(Date.parse(key[0])) &&
    typeof key[1] === 'string' &&
    KEY_ID.test(key[1])
  );
}
