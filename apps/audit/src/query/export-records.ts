import type { Pool } from 'pg';
import type { ChainedEntry } from '../chain/audit-entry';
import { rowToEntry, SELECT_RECORD, type RecordRow } from '../db/record-rows';
import { decodeCursor, encodeCursor, filterConditions, pageLimit, type RecordFilter } from './record-query';

/** One page of an export: chain order (oldest first), so an exported range can be re-verified. */
export async function exportRecords(
  pool: Pool,
  filter: RecordFilter,
  page: { limit: number; cursor: string },
): Promise<{ records: ChainedEntry[]; nextCursor: string }> {
  const limit = pageLimit(page.limit, 1000, 500);
  const cursor = decodeCursor(page.cursor);
  const params: unknown[] = [];
  const where = filterConditions(filter, params);
  if (cursor) {
    params.push(cursor.sequence);
    where.push(`sequence > $${params.length}`);
  }
  params.push(limit + 1);
  const { rows } = await pool.query<RecordRow>(
    `${SELECT_RECORD} where ${where.join(' and ')} order by sequence asc limit $${params.length}`,
    params,
  );
  const records = rows.slice(0, limit).map(rowToEntry);
  const last = records[records.length - 1];
  return { records, nextCursor: rows.length > limit && last ? encodeCursor({ direction: 'next', sequence: last.sequence }) : '' };
}
