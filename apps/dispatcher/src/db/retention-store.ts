import type { Pool } from 'pg';

/*
 * Retention (DESIGN §4): deletes of rows past the window, each a short statement over at most
 * `limit` rows that skips rows the delivery path holds locked.
 */

/** Deliveries created before `cutoff` with their attempts (event bodies are ingestion's, under its own retention). */
export async function deleteExpiredDeliveries(pool: Pool, cutoff: Date, limit: number): Promise<{ deliveries: number; attempts: number }> {
  const { rows } = await pool.query<{ deliveries: string; attempts: string }>(
    `with doomed as (
       select id from delivery where created_at < $1 limit $2 for update skip locked
     ),
     attempts as (delete from attempt where delivery_id in (select id from doomed) returning 1),
     deliveries as (delete from delivery where id in (select id from doomed) returning 1)
     select (select count(*) from deliveries) as deliveries, (select count(*) from attempts) as attempts`,
    [cutoff, limit],
  );
  return { deliveries: Number(rows[0].deliveries), attempts: Number(rows[0].attempts) };
}

/** Attempts recorded before `cutoff` (of deliveries still kept); returns how many. */
export async function deleteExpiredAttempts(pool: Pool, cutoff: Date, limit: number): Promise<number> {
  const result = await pool.query(
    `delete from attempt where id in (select id from attempt where created_at < $1 limit $2 for update skip locked)`,
    [cutoff, limit],
  );
  return result.rowCount ?? 0;
}

export async function deleteExpiredRecoveryJobs(pool: Pool, cutoff: Date): Promise<void> {
  await pool.query(`delete from recovery_job where created_at < $1`, [cutoff]);
}
