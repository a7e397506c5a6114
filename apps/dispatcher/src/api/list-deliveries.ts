import { InputError } from '@hookline/errors';
import { decodeCursor, encodeCursor, isTimeIdKey } from '@hookline/ids';
import type { Pool } from 'pg';
import { selectDeliveries, type DeliveryFilter, type DeliveryView } from '../db/delivery-reads';

export interface Page<T> {
  items: T[];
  nextCursor: string;
  prevCursor: string;
}

const STATUSES = new Set(['pending', 'delivered', 'failed']);

/**
 * Deliveries of an org, newest first, with opaque cursors both ways: the libs/ids format keyed by
 * `[created_at with microseconds, id]`; `next` goes to older rows, `prev` back to newer ones.
 */
export async function listDeliveries(pool: Pool, filter: DeliveryFilter, limit: number, cursorText: string): Promise<Page<DeliveryView>> {
  if (filter.status && !STATUSES.has(filter.status)) throw new InputError('status must be pending, delivered or failed', { code: 'status_invalid', param: 'status' });
  const cursor = cursorText ? decodeCursor(cursorText, isTimeIdKey) : null;
  const backwards = cursor?.direction === 'prev';
  const rows = await selectDeliveries(pool, filter, cursor ? { time: cursor.key[0], id: cursor.key[1], newer: backwards } : null, limit + 1);
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
    nextCursor: hasOlder && last ? encodeCursor({ direction: 'next', key: [last.cursorTime, last.id] }) : '',
    prevCursor: hasNewer && first ? encodeCursor({ direction: 'prev', key: [first.cursorTime, first.id] }) : '',
  };
}
