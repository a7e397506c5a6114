import { PAGE_LIMIT, requirePageLimit } from '@hookline/contract';
import { decodeCursor, encodeCursor, isTimeIdKey, type CursorDirection } from '@hookline/ids';
import type { EntityManager, EntitySchema, FilterQuery } from '@hookline/db';
import type { commonV1 } from '@hookline/proto';
import type { Queryable } from './queryable';

export const DEFAULT_LIMIT = PAGE_LIMIT.default;
export const MAX_LIMIT = PAGE_LIMIT.max;

export interface Page<T> {
  items: T[];
  pageInfo: commonV1.PageInfo;
}

export function pageLimit(page: commonV1.PageRequest | undefined): number {
  const limit = requirePageLimit(page?.limit ?? 0);
  return limit;
}

/**
 * Keyset pagination, newest first by (created_at, id): stable while rows are inserted, and
 * opaque to clients. `where` filters the rows (placeholders $1..$n match `params`).
 */
export async function paginate<R extends { created_at: Date; id: string }>(
  db: Queryable,
  query: { table: string; where: string; params: unknown[] },
  page: commonV1.PageRequest | undefined,
): Promise<Page<R>> {
  const limit = pageLimit(page);
  const cursor = readCursor(page);
  const params = [...query.params];
  let keyset = '';
  if (cursor) {
    // created_at is ISO with milliseconds (every timestamp is written from the registry clock).
    params.push(cursor.key[0], cursor.key[1]);
    const op = cursor.direction === 'next' ? '<' : '>';
    keyset = ` and (created_at, id) ${op} ($${params.length - 1}::timestamptz, $${params.length})`;
  }
  const backwards = cursor?.direction === 'prev';
  params.push(limit + 1);
  const order = backwards ? 'created_at asc, id asc' : 'created_at desc, id desc';
  const { rows } = await db.query<R>(
    `select * from ${query.table} where ${query.where}${keyset} order by ${order} limit $${params.length}`,
    params,
  );
  return toPage(rows, limit, cursor);
}

/** The same keyset pagination over an entity, for use cases on the entity manager. */
export async function paginateEntities<R extends { created_at: Date; id: string }>(
  em: EntityManager,
  entity: EntitySchema<R, never>,
  where: FilterQuery<R>,
  page: commonV1.PageRequest | undefined,
): Promise<Page<R>> {
  const limit = pageLimit(page);
  const cursor = readCursor(page);
  let filter = where;
  if (cursor) {
    const op = cursor.direction === 'next' ? '$lt' : '$gt';
    const at = new Date(cursor.key[0]);
    filter = { $and: [where, { $or: [{ created_at: { [op]: at } }, { created_at: at, id: { [op]: cursor.key[1] } }] }] } as FilterQuery<R>;
  }
  const order = cursor?.direction === 'prev' ? 'asc' : 'desc';
  const rows = await em.find(entity, filter, { orderBy: { created_at: order, id: order } as never, limit: limit + 1 });
  return toPage(rows as R[], limit, cursor);
}

type Cursor = ReturnType<typeof readCursor>;

function readCursor(page: commonV1.PageRequest | undefined) {
  return page?.cursor ? decodeCursor(page.cursor, isTimeIdKey) : undefined;
}

/** One page of `limit` rows from up to `limit + 1` fetched in the cursor's direction. */
function toPage<R extends { created_at: Date; id: string }>(rows: R[], limit: number, cursor: Cursor): Page<R> {
  const backwards = cursor?.direction === 'prev';
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  if (backwards) items.reverse();
  const keyOf = (row: R, direction: CursorDirection) => encodeCursor({ direction, key: [row.created_at.toISOString(), row.id] });
  const first = items[0];
  const last = items[items.length - 1];
  // Going forwards, a previous page exists when we came from a cursor; going backwards, a next
  // page always exists (the cursor's own row is on it).
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : !!cursor;
  return {
    items,
    pageInfo: {
      nextCursor: hasNext && last ? keyOf(last, 'next') : '',
      prevCursor: hasPrev && first ? keyOf(first, 'prev') : '',
    },
  };
}
