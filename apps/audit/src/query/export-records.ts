import type { Pool } from 'pg';
import type { ChainedEntry } from '../chain/audit-entry';
import { rowToEntry, SELECT_RECORD, signerCertificates, type RecordRow } from '../db/record-rows';
import { decodeCursor, encodeCursor, filterConditions, pageLimit, type RecordFilter } from './record-query';

/** One page of an export: chain order (oldest first), so an exported range can be re-verified (offline too). */
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
  // Each record carries its signer's certificate, so the export verifies offline on its own.
  const certificates = await signerCertificates(pool, rows.map((row) => row.signer_certificate_sha256));
  const records = rows.slice(0, limit).map((row) => ({ ...rowToEntry(row), signerCertificatePem: certificates.get(row.signer_certificate_sha256) }));
  const last = records[records.length - 1];
  return { records, nextCursor: rows.length > limit && last ? encodeCursor({ direction: 'next', sequence: last.sequence }) : '' };
}
