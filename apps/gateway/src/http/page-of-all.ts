import { InputError } from '@hookline/errors';
import type { ListBody } from './pagination';

/**
 * One page of a complete list the gateway already holds (a small catalog read in one call),
 * ordered by `keyOf`, with the same `limit` / opaque `cursor` contract as every other list:
 * `a.<key>` continues after that key, `b.<key>` goes back before it.
 */
export function pageOfAll<T>(items: readonly T[], query: { limit: number; cursor?: string }, keyOf: (item: T) => string): ListBody<T> {
  const sorted = [...items].sort((x, y) => (keyOf(x) < keyOf(y) ? -1 : keyOf(x) > keyOf(y) ? 1 : 0));
  let start = 0;
  let end = sorted.length;
  if (query.cursor) {
    const { direction, key } = decodeCursor(query.cursor);
    if (direction === 'a') {
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
    next_cursor: end < sorted.length && data.length > 0 ? encodeCursor('a', keyOf(data[data.length - 1])) : null,
    prev_cursor: start > 0 && data.length > 0 ? encodeCursor('b', keyOf(data[0])) : null,
  };
}

function encodeCursor(direction: 'a' | 'b', key: string): string {
  return `${direction}.${Buffer.from(key, 'utf8').toString('base64url')}`;
}

function decodeCursor(cursor: string): { direction: 'a' | 'b'; key: string } {
  const match = /^([ab])\.([A-Za-z0-9_-]+)$/.exec(cursor);
  if (!match) throw new InputError('cursor must be a cursor returned by a previous page of this list', { code: 'cursor_invalid', param: 'cursor' });
  return { direction: match[1] as 'a' | 'b', key: Buffer.from(match[2], 'base64url').toString('utf8') };
}
