// What a delivery costs PostgreSQL in writes: rows inserted, updated and deleted per table of
// the bench's database (pg_stat_user_tables) and WAL bytes and records (pg_stat_wal), sampled
// before the throughput phase and after the profile's last delivery is recorded.
//
// pg_stat_wal is the server's, not the database's: on a server other work shares, its figures
// include that work (the report prints them beside the load average for that reason).
// pg_stat_statements is not used: it needs shared_preload_libraries, which a stock server lacks.
import pg from 'pg';

export interface TableWrites {
  table: string;
  inserted: number;
  updated: number;
  hotUpdated: number;
  deleted: number;
}

export interface WriteSample {
  walBytes: number;
  walRecords: number;
  tables: TableWrites[];
}

export interface WriteFigures {
  /** Deliveries the span covered (throughput and latency phases). */
  deliveries: number;
  walBytesPerDelivery: number;
  walRecordsPerDelivery: number;
  /** Rows inserted + updated + deleted, per delivery, over every table. */
  rowsPerDelivery: number;
  /** Per table, per delivery; tables with no writes left out, most written first. */
  tables: TableWrites[];
}

/** Statistics reach the views when a backend flushes them: at most ~1 s late while busy, up to 10 s when idle. */
const SETTLE_TIMEOUT_MS = 15_000;
const SETTLE_INTERVAL_MS = 1_000;

async function read(client: pg.Client): Promise<WriteSample> {
  const wal = await client.query<{ wal_bytes: string; wal_records: string }>('select wal_bytes::text, wal_records::text from pg_stat_wal');
  const { rows } = await client.query<{ name: string; ins: string; upd: string; hot: string; del: string }>(
    `select schemaname || '.' || relname as name, n_tup_ins::text as ins, n_tup_upd::text as upd, n_tup_hot_upd::text as hot, n_tup_del::text as del
       from pg_stat_user_tables`,
  );
  return {
    walBytes: Number(wal.rows[0]?.wal_bytes ?? 0),
    walRecords: Number(wal.rows[0]?.wal_records ?? 0),
    tables: rows.map((r) => ({ table: r.name, inserted: Number(r.ins), updated: Number(r.upd), hotUpdated: Number(r.hot), deleted: Number(r.del) })),
  };
}

const rowsOf = (s: WriteSample) => s.tables.reduce((n, t) => n + t.inserted + t.updated + t.deleted, 0);

async function withClient<T>(databaseUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export function sampleWrites(databaseUrl: string): Promise<WriteSample> {
  return withClient(databaseUrl, read);
}

/** Samples until two readings a second apart agree on the row counts (the statistics have settled). */
export function settledWrites(databaseUrl: string): Promise<WriteSample> {
  return withClient(databaseUrl, async (client) => {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    let previous = await read(client);
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, SETTLE_INTERVAL_MS));
      const current = await read(client);
      if (rowsOf(current) === rowsOf(previous) || Date.now() > deadline) return current;
      previous = current;
    }
  });
}

export function writesPerDelivery(before: WriteSample, after: WriteSample, deliveries: number): WriteFigures {
  const per = (n: number) => n / Math.max(1, deliveries);
  const earlier = new Map(before.tables.map((t) => [t.table, t]));
  const tables = after.tables
    .map((t) => {
      const b = earlier.get(t.table);
      return {
        table: t.table,
        inserted: per(t.inserted - (b?.inserted ?? 0)),
        updated: per(t.updated - (b?.updated ?? 0)),
        hotUpdated: per(t.hotUpdated - (b?.hotUpdated ?? 0)),
        deleted: per(t.deleted - (b?.deleted ?? 0)),
      };
    })
    .filter((t) => t.inserted + t.updated + t.deleted > 0)
    .sort((a, b) => b.inserted + b.updated + b.deleted - (a.inserted + a.updated + a.deleted));
  return {
    deliveries,
    walBytesPerDelivery: per(after.walBytes - before.walBytes),
    walRecordsPerDelivery: per(after.walRecords - before.walRecords),
    rowsPerDelivery: tables.reduce((n, t) => n + t.inserted + t.updated + t.deleted, 0),
    tables,
  };
}
