import type { Pool } from 'pg';
import type { ChainedEntry } from '../chain/audit-entry';
import { rowToEntry, SELECT_RECORD, type RecordRow } from '../db/record-rows';
import { decodeCursor, encodeCursor, filterConditions, pageLimit, type RecordFilter } from './record-query';

export interface RecordPage {
  records: ChainedEntry[];
  nextCursor: string;
  prevCursor: string;
}

/** Newest first (by chain sequence). `next` pages go to older records, `prev` back to newer ones. */
export async function listRecords(pool: Pool, filter: RecordFilter, page: { limit: number; cursor: string }): Promise<RecordPage> {
  const limit = pageLimit(page.limit, 100, 20);
  const cursor = decodeCursor(page.cursor);
  const params: unknown[] = [];
  const where = filterConditions(filter, params);
  const backwards = cursor?.direction === 'prev';
  if (cursor) {
    params.push(cursor.sequence);
    where.push(`sequence ${backwards ? '>' : '<'} $${params.length}`);
  }
  params.push(limit + 1);
  const { rows } = await pool.query<RecordRow>(
    `${SELECT_RECORD} where ${where.join(' and ')} order by sequence ${backwards ? 'asc' : 'desc'} limit $${params.length}`,
    params,
  );
  const more = rows.length > limit;
  const records = rows.slice(0, limit).map(rowToEntry);
  if (backwards) records.reverse();
  const first = records[0];
  const last = records[records.length - 1];
  // Forward: older records exist when the page overflowed; newer ones when we came via a cursor.
  const hasOlder = backwards ? records.length > 0 : more;
  const hasNewer = backwards ? more : cursor !== undefined && records.length > 0;
  return {
    records,
    nextCursor: hasOlder && last ? encodeCursor({ direction: 'next', sequence: last.sequence }) : '',
    prevCursor: hasNewer && first ? encodeCursor({ direction: 'prev', sequence: first.sequence }) : '',
  };
}
