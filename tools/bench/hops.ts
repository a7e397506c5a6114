// Where the latency phase's time goes, hop by hop: accepted (ingestion's event time) → produced
// (the broker timestamp) → fetched (the fan-out handling it) → attempted → responded → recorded.
// Every hop but "fetched" is read per delivery from the dispatcher's rows; "fetched" is only a
// histogram the dispatcher exports, so that hop's percentiles are bucket bounds.
import pg from 'pg';
import { summarize } from './percentiles';

export interface HopFigure {
  hop: string;
  samples: number;
  p50: number;
  p99: number;
  /** True when p50/p99 are histogram bucket upper bounds (ms), not samples. */
  bucketed?: boolean;
}

/** Cumulative bucket counts of the fan-out delay histogram: `le` (s) → count. */
export type DelayBuckets = Map<number, number>;

export async function scrapeFanOutDelay(metricsUrl: string | undefined): Promise<DelayBuckets | null> {
  if (!metricsUrl) return null;
  try {
    const text = await (await fetch(metricsUrl)).text();
    const buckets: DelayBuckets = new Map();
    for (const match of text.matchAll(/^hookline_fan_out_delay_seconds_bucket\{[^}]*le="([^"]+)"[^}]*\} (\d+)/gm)) {
      buckets.set(match[1] === '+Inf' ? Infinity : Number(match[1]), Number(match[2]));
    }
    return buckets.size > 0 ? buckets : null;
  } catch {
    return null;
  }
}

/** The fetched hop between two scrapes: the upper bound (ms) of the bucket holding each quantile. */
export function fetchedHop(before: DelayBuckets | null, after: DelayBuckets | null): HopFigure | null {
  if (!before || !after) return null;
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((le) => (after.get(le) ?? 0) - (before.get(le) ?? 0));
  const total = counts[counts.length - 1] ?? 0;
  if (total === 0) return null;
  const at = (q: number) => bounds[counts.findIndex((n) => n >= q * total)] * 1000;
  return { hop: 'produced → fetched', samples: total, p50: at(0.5), p99: at(0.99), bucketed: true };
}

/** The per-delivery hops of the first attempts of deliveries produced in [fromMs, untilMs). */
export async function measureHops(databaseUrl: string, orgIds: string[], fromMs: number, untilMs: number): Promise<HopFigure[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ accepted: number; produced: number; attempted: number; responded: number; recorded: number }>(
      `select extract(epoch from e.time) * 1000 as accepted,
              extract(epoch from d.published_at) * 1000 as produced,
              extract(epoch from a.started_at) * 1000 as attempted,
              extract(epoch from a.started_at) * 1000 + a.duration_ms as responded,
              extract(epoch from a.created_at) * 1000 as recorded
       from dispatcher.delivery d
       join dispatcher.attempt a on a.delivery_id = d.id and a.number = 1
       join ingestion.events e on e.id = d.event_id
       where d.org_id = any($1) and d.published_at >= $2 and d.published_at < $3`,
      [orgIds, new Date(fromMs), new Date(untilMs)],
    );
    const hop = (name: string, from: keyof (typeof rows)[number], to: keyof (typeof rows)[number]): HopFigure => {
      const summary = summarize(rows.map((row) => Math.round(Number(row[to]) - Number(row[from]))));
      return { hop: name, samples: summary.samples, p50: summary.p50, p99: summary.p99 };
    };
    return [
      hop('accepted → produced', 'accepted', 'produced'),
      hop('produced → attempted', 'produced', 'attempted'),
      hop('attempted → responded', 'attempted', 'responded'),
      hop('responded → recorded', 'responded', 'recorded'),
      hop('accepted → recorded', 'accepted', 'recorded'),
    ];
  } finally {
    await client.end();
  }
}
