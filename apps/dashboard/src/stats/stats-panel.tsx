import { useMemo, useState } from 'react';
import { ErrorState, Loading } from '../ui/states';
import { TimeChart } from './time-chart';
import { useStats, WINDOWS, type WindowName } from './use-stats';

/** Deliveries by outcome and attempt latency (p50/p95) over a chosen window, with a text summary. */
export function StatsPanel({ webhookId }: { webhookId?: string }) {
  const [name, setName] = useState<WindowName>('24h');
  const stats = useStats(webhookId, name);
  const charts = useMemo(() => {
    if (!stats.data) return null;
    const times = stats.data.buckets.map((b) => Date.parse(b.start) / 1000);
    return {
      times,
      outcomes: [
        { label: 'Delivered', color: '#1d8a4c', values: stats.data.buckets.map((b) => b.delivered) },
        { label: 'Failed', color: '#c0392b', values: stats.data.buckets.map((b) => b.failed) },
        { label: 'Pending', color: '#b7791f', values: stats.data.buckets.map((b) => b.pending) },
      ],
      latency: [
        { label: 'p50', color: '#1f4fd1', values: stats.data.buckets.map((b) => b.latency_p50_ms) },
        { label: 'p95', color: '#7b3fe4', values: stats.data.buckets.map((b) => b.latency_p95_ms) },
      ],
    };
  }, [stats.data]);

  return (
    <section className="stats" aria-labelledby="stats-title">
      <div className="page-head">
        <h2 id="stats-title">Activity</h2>
        <label htmlFor="stats-window" className="sr-only">
          Window
        </label>
        <select id="stats-window" value={name} onChange={(e) => setName(e.target.value as WindowName)}>
          {Object.entries(WINDOWS).map(([key, w]) => (
            <option key={key} value={key}>
              {w.label}
            </option>
          ))}
        </select>
      </div>
      {stats.isPending ? <Loading what="statistics" /> : null}
      {stats.error ? <ErrorState error={stats.error} /> : null}
      {stats.data && charts ? (
        <>
          <p className="muted" data-testid="stats-summary">
            {stats.data.total.delivered} delivered, {stats.data.total.failed} failed, {stats.data.total.pending} pending; {stats.data.total.attempts} attempts
            {stats.data.total.latency_p50_ms !== null ? `, latency p50 ${stats.data.total.latency_p50_ms} ms, p95 ${stats.data.total.latency_p95_ms} ms` : ''}.
          </p>
          <div className="chart-row">
            <TimeChart title="Deliveries by outcome" times={charts.times} series={charts.outcomes} />
            <TimeChart title="Attempt latency" times={charts.times} series={charts.latency} unit=" ms" />
          </div>
        </>
      ) : null}
    </section>
  );
}
