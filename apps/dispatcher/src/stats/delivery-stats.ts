import { INTERVAL_RANGE_SECONDS } from '@hookline/contract';
import { InputError } from '@hookline/errors';
import type { Pool } from 'pg';
import { selectLatencies, selectOutcomes, statsSealedUntil } from '../db/stats-reads';
import { addInto, quantile } from '../model/latency-histogram';

export interface StatsQuery {
  orgId: string;
  /** Undefined = every webhook of the org. */
  webhookId?: string;
  from: Date;
  to: Date;
  intervalSeconds: number;
}

export interface StatsBucket {
  start: Date;
  delivered: number;
  failed: number;
  pending: number;
  attempts: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
}

export const MAX_BUCKETS = 1000;
const HOUR_MS = 3_600_000;

/** Checks the window: from < to, at most MAX_BUCKETS buckets of at least one second. */
export function checkWindow(query: StatsQuery): number {
  if (!(query.from < query.to)) throw new InputError('from must be before to', { code: 'window_invalid', param: 'from' });
  const { min, max } = INTERVAL_RANGE_SECONDS;
  if (!Number.isInteger(query.intervalSeconds) || query.intervalSeconds < min || query.intervalSeconds > max) throw new InputError('interval must be at least 1 second', { code: 'interval_invalid', param: 'interval' });
  const buckets = Math.ceil((query.to.getTime() - query.from.getTime()) / 1000 / query.intervalSeconds);
  if (buckets > MAX_BUCKETS) throw new InputError(`the window holds ${buckets} buckets; at most ${MAX_BUCKETS}: widen the interval`, { code: 'interval_too_small', param: 'interval' });
  return buckets;
}

interface Accumulator {
  start: Date;
  delivered: number;
  failed: number;
  pending: number;
  attempts: number;
  histogram: number[];
}

/**
 * Deliveries created per bucket by their status now, and the p50/p95 duration of attempts
 * recorded per bucket; every bucket of the window is present (zeros included), oldest first.
 * Whole hours already rolled up (stats-rollup.ts) are read from `delivery_stats_hour`; the rest
 * of the window from the raw rows. Percentiles come from a log-scale histogram (within ~9 %).
 */
export async function deliveryStats(pool: Pool, query: StatsQuery): Promise<{ buckets: StatsBucket[]; total: StatsBucket }> {
  const count = checkWindow(query);
  const intervalMs = query.intervalSeconds * 1000;
  const buckets: Accumulator[] = Array.from({ length: count }, (_, i) => ({ start: new Date(query.from.getTime() + i * intervalMs), delivered: 0, failed: 0, pending: 0, attempts: 0, histogram: [] }));
  const bucketAt = (time: Date) => buckets[Math.floor((time.getTime() - query.from.getTime()) / intervalMs)];

  // Hour buckets aligned to hours can be read from the rollup up to where it is complete.
  const sealedUntil = await statsSealedUntil(pool);
  const rollupFits = query.intervalSeconds % 3600 === 0 && query.from.getTime() % HOUR_MS === 0 && sealedUntil && sealedUntil > query.from;
  const split = rollupFits ? new Date(Math.min(sealedUntil.getTime(), query.to.getTime())) : query.from;

  const scope = { orgId: query.orgId, webhookId: query.webhookId, intervalSeconds: query.intervalSeconds, from: query.from };
  const useRollup = split > query.from;
  const useRaw = split < query.to;
  const none = Promise.resolve([]);
  // Counts and histogram bins per bucket, summed in SQL: from the hourly rows, then from the raw rows.
  const [rolledOutcomes, rolledLatencies, outcomes, latencies] = await Promise.all([
    useRollup ? selectOutcomes(pool, 'rollup', scope, query.from, split) : none,
    useRollup ? selectLatencies(pool, 'rollup', scope, query.from, split) : none,
    useRaw ? selectOutcomes(pool, 'raw', scope, split, query.to) : none,
    useRaw ? selectLatencies(pool, 'raw', scope, split, query.to) : none,
  ]);

  for (const row of [...rolledOutcomes, ...outcomes]) {
    const b = bucketAt(row.at);
    if (!b) continue;
    b.delivered += Number(row.delivered);
    b.failed += Number(row.failed);
    b.pending += Number(row.pending);
  }
  for (const row of [...rolledLatencies, ...latencies]) {
    const b = bucketAt(row.at);
    if (!b) continue;
    b.attempts += Number(row.n);
    b.histogram[row.bin] = (b.histogram[row.bin] ?? 0) + Number(row.n);
  }

  const total: Accumulator = { start: query.from, delivered: 0, failed: 0, pending: 0, attempts: 0, histogram: [] };
  for (const b of buckets) {
    total.delivered += b.delivered;
    total.failed += b.failed;
    total.pending += b.pending;
    total.attempts += b.attempts;
    addInto(total.histogram, b.histogram);
  }
  const finish = (a: Accumulator): StatsBucket => ({
    start: a.start,
    delivered: a.delivered,
    failed: a.failed,
    pending: a.pending,
    attempts: a.attempts,
    latencyP50Ms: quantile(a.histogram, 0.5),
    latencyP95Ms: quantile(a.histogram, 0.95),
  });
  return { buckets: buckets.map(finish), total: finish(total) };
}
