import type { Pool, PoolClient } from 'pg';
import { BIN_SQL } from '../model/latency-histogram';

const LOCK = "hashtext('hookline.delivery_stats')";
/** An attempt committed later than this after it was recorded may be missed by the late-change pass. */
const COMMIT_GRACE = "interval '5 seconds'";
const HOUR_OF = (column: string) => `date_bin(interval '1 hour', ${column}, timestamptz 'epoch')`;

const OUTCOMES = `count(*) filter (where status = 'delivered')::int as delivered,
                  count(*) filter (where status = 'failed')::int as failed,
                  count(*) filter (where status = 'pending')::int as pending`;

/** Recomputes every webhook's row of one hour from the raw data. */
async function sealHour(client: PoolClient, hour: Date): Promise<void> {
  await client.query(
    `with counts as (
       select org_id, webhook_id, ${OUTCOMES}
         from delivery where created_at >= $1 and created_at < $1 + interval '1 hour' group by 1, 2
     ), bins as (
       select d.org_id, d.webhook_id, ${BIN_SQL} as bin, count(*)::int as n
         from attempt a join delivery d on d.id = a.delivery_id
        where a.created_at >= $1 and a.created_at < $1 + interval '1 hour' group by 1, 2, 3
     ), latency as (
       select org_id, webhook_id, sum(n)::int as attempts, array_agg(bin order by bin) as bins, array_agg(n order by bin) as counts
         from bins group by 1, 2
     )
     insert into delivery_stats_hour (org_id, webhook_id, hour, delivered, failed, pending, attempts, latency_bins, latency_counts)
     select org_id, webhook_id, $1, coalesce(delivered, 0), coalesce(failed, 0), coalesce(pending, 0), coalesce(attempts, 0),
            coalesce(bins, '{}'), coalesce(counts, '{}')
       from counts full join latency using (org_id, webhook_id)
     on conflict (org_id, webhook_id, hour) do update set
       delivered = excluded.delivered, failed = excluded.failed, pending = excluded.pending,
       attempts = excluded.attempts, latency_bins = excluded.latency_bins, latency_counts = excluded.latency_counts`,
    [hour],
  );
}

/**
 * Brings the hourly statistics up to date (one dispatcher at a time, by advisory lock):
 * 1. seals every hour that ended more than an hour ago (counts and latency from the raw rows);
 * 2. recounts the sealed hours whose deliveries changed since: a delivery's status changes only
 *    with an attempt (retries, manual retry, recovery), so the attempts recorded since the last
 *    pass name them. Returns the instant before which the rollup is complete.
 */
export async function refreshDeliveryStats(pool: Pool): Promise<Date | null> {
  const client = await pool.connect();
  try {
    const { rows: locked } = await client.query<{ ok: boolean }>(`select pg_try_advisory_lock(${LOCK}) as ok`);
    if (!locked[0].ok) return null;
    try {
      const { rows } = await client.query<{ sealed_until: Date | null; attempts_seen_until: Date | null; boundary: Date; seen_to: Date; first: Date | null }>(
        `select sealed_until, attempts_seen_until, ${HOUR_OF("now() - interval '1 hour'")} as boundary, now() - ${COMMIT_GRACE} as seen_to,
                (select ${HOUR_OF('min(created_at)')} from delivery) as first
           from delivery_stats_state where id = 1`,
      );
      const state = rows[0];
      const start = state.sealed_until ?? state.first ?? state.boundary;
      // Only hours holding deliveries or attempts have rows; the stats read a missing row as zeros.
      const { rows: hours } = await client.query<{ hour: Date }>(
        `select ${HOUR_OF('created_at')} as hour from delivery where created_at >= $1 and created_at < $2
         union select ${HOUR_OF('created_at')} from attempt where created_at >= $1 and created_at < $2 order by 1`,
        [start, state.boundary],
      );
      for (const { hour } of hours) await sealHour(client, hour);
      const sealedUntil = start > state.boundary ? start : state.boundary;
      if (state.attempts_seen_until && state.sealed_until) {
        await client.query(
          `with dirty as (
             select distinct d.org_id, d.webhook_id, ${HOUR_OF('d.created_at')} as hour
               from attempt a join delivery d on d.id = a.delivery_id
              where a.created_at >= $1 and a.created_at < $2 and d.created_at < $3
           )
           insert into delivery_stats_hour (org_id, webhook_id, hour, delivered, failed, pending)
           select x.org_id, x.webhook_id, x.hour, c.delivered, c.failed, c.pending
             from dirty x cross join lateral (
               select ${OUTCOMES} from delivery
                where webhook_id = x.webhook_id and created_at >= x.hour and created_at < x.hour + interval '1 hour'
             ) c
           on conflict (org_id, webhook_id, hour) do update set delivered = excluded.delivered, failed = excluded.failed, pending = excluded.pending`,
          [state.attempts_seen_until, state.seen_to, state.sealed_until],
        );
      }
      await client.query('update delivery_stats_state set sealed_until = $1, attempts_seen_until = $2 where id = 1', [sealedUntil, state.seen_to]);
      return sealedUntil;
    } finally {
      await client.query(`select pg_advisory_unlock(${LOCK})`);
    }
  } finally {
    client.release();
  }
}
