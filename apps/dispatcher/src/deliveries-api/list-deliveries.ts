import { InputError } from '@hookline/errors';
import type { Pool } from 'pg';
import { selectDeliveries, type DeliveryFilter, type DeliveryView } from '../db/delivery-reads';

export interface Page<T> {
  items: T[];
  nextCursor: string;
  prevCursor: string;
}

const STATUSES = new Set(['pending', 'delivered', 'failed']);

interface Cursor {
  t: string;
  i: string;
  /** n = the page after this position (older), p = the page before it (newer). */
  d: 'n' | 'p';
}

/** Deliveries of an org, newest first, with opaque cursors both ways. */
export async function listDeliveries(pool: Pool, filter: DeliveryFilter, limit: number, cursorText: string): Promise<Page<DeliveryView>> {
  if (filter.status && !STATUSES.has(filter.status)) throw new InputError('status must be pending, delivered or failed', { code: 'status_invalid', param: 'status' });
  const cursor = cursorText ? decodeCursor(cursorText) : null;
  const backwards = cursor?.d === 'p';
  const rows = await selectDeliveries(pool, filter, cursor ? { time: cursor.t, id: cursor.i, newer: backwards } : null, limit + 1);
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  if (backwards) items.reverse();
  const first = items[0];
  const last = items[items.length - 1];
  // Going forward, "more" means older rows exist; going back, it means newer ones do.
  const hasOlder = backwards ? cursor !== null : more;
  const hasNewer = backwards ? more : cursor !== null;
  return {
    items,
    nextCursor: hasOlder && last ? encodeCursor({ t: last.cursorTime, i: last.id, d: 'n' }) : '',
    prevCursor: hasNewer && first ? encodeCursor({ t: first.cursorTime, i: first.id, d: 'p' }) : '',
  };
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (typeof cursor.t === 'string' && typeof cursor.i === 'string' && (cursor.d === 'n' || cursor.d === 'p') && !Number.isNaN(Date.parse(cursor.t))) return cursor;
  } catch {
    // fall through
  }
  throw new InputError('cursor is not one this API returned', { code: 'cursor_invalid', param: 'cursor' });
}
