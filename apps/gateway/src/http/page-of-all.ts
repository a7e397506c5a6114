import { decodeCursor, encodeCursor } from '@hookline/ids';
import type { ListBody } from './pagination';

/**
 * One page of a complete list the gateway already holds (a small catalog read in one call),
 * ordered by `keyOf`, with the same `limit` / opaque `cursor` contract as every other list:
 * `next` continues after a key, `prev` goes back before it.
 */
export function pageOfAll<T>(items: readonly T[], query: { limit: number; cursor?: string }, keyOf: (item: T) => string): ListBody<T> {
  const sorted = [...items].sort((x, y) => (keyOf(x) < keyOf(y) ? -1 : keyOf(x) > keyOf(y) ? 1 : 0));
  let start = 0;
  let end = sorted.length;
  if (query.cursor) {
    const { direction, key: [key] } = decodeCursor(query.cursor, isNameKey);
    if (direction === 'next') {
      start = sorted.findIndex((item) => keyOf(item) > key);
      if (start < 0) start = sorted.length;
      end = Math.min(sorted.length, start + query.limit);
    } else {
      end = sorted.findIndex((item) => keyOf(item) >= key);
      if (end < 0) end = sorted.length;
      start = Math.max(0, end - query.limit);
    }
  } else {
    end = Math.min(sorted.length, query.limit);
  }
  const data = sorted.slice(start, end);
  return {
    object: 'list',
    data,
    next_cursor: end < sorted.length && data.length > 0 ? encodeCursor({ direction: 'next', key: [keyOf(data[data.length - 1])] }) : null,
    prev_cursor: start > 0 && data.length > 0 ? encodeCursor({ direction: 'prev', key: [keyOf(data[0])] }) : null,
  };
}

const isNameKey = (key: readonly unknown[]): key is readonly [string] => key.length === 1 && typeof key[0] === 'string';
