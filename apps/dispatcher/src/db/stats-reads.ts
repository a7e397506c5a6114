import type { Pool } from 'pg';
import { BIN_SQL } from '../model/latency-histogram';

/*
 * Reads behind the delivery statistics: counts by outcome and latency histogram bins per
 * bucket, either from the hourly rollup (`delivery_stats_hour`) or from the raw rows.
 */

export interface OutcomeRow {
  at: Date;
  delivered: string;
  failed: string;
  pending: string;
}

export interface LatencyRow {
  at: Date;
  bin: number;
  n: string;
}

/** Whose deliveries, and the buckets: `intervalSeconds` wide, aligned on `from`. */
export interface StatsScope {
  orgId: string;
  /** Undefined = every webhook of the org. */
  webhookId?: string;
  intervalSeconds: number;
  from: Date;
}

/** The instant before which the hourly rollup is complete; null before its first pass. */
export async function statsSealedUntil(pool: Pool): Promise<Date | null> {
  const { rows } = await pool.query<{ sealed_until: Date | null }>('select sealed_until from delivery_stats_state where id = 1');
  return rows[0]?.sealed_until ?? null;
}

const rawScope = (alias: string) => `${alias}org_id = $1 and ($4::text is null or ${alias}webhook_id = $4)`;
const params = (scope: StatsScope, lower: Date, upper: Date) => [scope.orgId, lower, upper, scope.webhookId ?? null, `${scope.intervalSeconds} seconds`, scope.from];

/** Deliveries created in [lower, upper) per bucket, by their status now. */
export async function selectOutcomes(pool: Pool, source: 'rollup' | 'raw', scope: StatsScope, lower: Date, upper: Date): Promise<OutcomeRow[]> {
  const sql =
    source === 'rollup'
      ? `select date_bin($5::interval, hour, $6::timestamptz) as at, sum(delivered) as delivered, sum(failed) as failed, sum(pending) as pending
           from delivery_stats_hour where ${rawScope('')} and hour >= $2 and hour < $3 group by 1`
      : `select date_bin($5::interval, created_at, $6::timestamptz) as at,
                count(*) filter (where status = 'delivered') as delivered,
                count(*) filter (where status = 'failed') as failed,
                count(*) filter (where status = 'pending') as pending
           from delivery where ${rawScope('')} and created_at >= $2 and created_at < $3 group by 1`;
  return (await pool.query<OutcomeRow>(sql, params(scope, lower, upper))).rows;
}

/** Attempts recorded in [lower, upper) per bucket and latency bin. */
export async function selectLatencies(pool: Pool, source: 'rollup' | 'raw', scope: StatsScope, lower: Date, upper: Date): Promise<LatencyRow[]> {
  const sql =
    source === 'rollup'
      ? `select date_bin($5::interval, h.hour, $6::timestamptz) as at, b.bin, sum(b.n) as n
           from delivery_stats_hour h cross join lateral unnest(h.latency_bins, h.latency_counts) as b(bin, n)
          where ${rawScope('h.')} and h.hour >= $2 and h.hour < $3 group by 1, 2`
      : `select date_bin($5::interval, a.created_at, $6::timestamptz) as at, ${BIN_SQL} as bin, count(*) as n
           from attempt a join delivery d on d.id = a.delivery_id
          where ${rawScope('d.')} and a.created_at >= $2 and a.created_at < $3 group by 1, 2`;
  return (await pool.query<LatencyRow>(sql, params(scope, lower, upper))).rows;
}
