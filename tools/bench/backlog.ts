// The backlog run's retry backlog: delivery rows written straight into the dispatcher's table,
// each as if its first attempt had failed with a 503 and its retry were due later (in one to
// two hours, so none falls due during the run). They belong to the profile's own webhooks.
import pg from 'pg';
import { SEEDED_EVENT_PREFIX } from './delivery-rows';
import type { ProfileSetup } from './traffic';

/** Rows per statement: each insert is its own transaction, so a slow seed shows progress. */
const CHUNK = 100_000;

export async function seedRetryBacklog(databaseUrl: string, webhooks: ProfileSetup['webhooks'], rows: number, say: (line: string) => void): Promise<{ rows: number; seconds: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const started = Date.now();
  try {
    const ids = webhooks.map((w) => w.id);
    const orgs = webhooks.map((w) => w.orgId);
    for (let from = 0; from < rows; from += CHUNK) {
      const to = Math.min(rows, from + CHUNK);
      await client.query(
        `insert into dispatcher.delivery
           (id, org_id, webhook_id, event_id, event_type, status, attempt_count, last_attempt_at, next_attempt_at, response_status, created_at, updated_at)
         select 'del_seeded' || g::text, ($1::text[])[1 + g % $3::int], ($2::text[])[1 + g % $3::int], $4::text || g::text, 'transfer.completed', 'pending', 1,
                now() - interval '1 minute', now() + interval '1 hour' + (g % 3600) * interval '1 second', 503,
                now() - interval '1 minute', now() - interval '1 minute'
         from generate_series($5::int, $6::int) as g`,
        [orgs, ids, ids.length, SEEDED_EVENT_PREFIX, from, to - 1],
      );
      say(`backlog: ${to} of ${rows} delivery rows seeded`);
    }
    // The phases measure a steady backlog, not the aftermath of a bulk insert: vacuum now (sets
    // the visibility map) rather than leave autovacuum to start in the middle of a phase.
    await client.query('vacuum (analyze) dispatcher.delivery');
    return { rows, seconds: (Date.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}
