import { useStats } from './use-stats';

/** 24 hourly bars, delivered over failed, for a list row. */
export function Sparkline({ webhookId }: { webhookId: string }) {
  const stats = useStats(webhookId, '24h');
  if (!stats.data) return <span className="muted">…</span>;
  const buckets = stats.data.buckets;
  const max = Math.max(1, ...buckets.map((b) => b.delivered + b.failed + b.pending));
  const { delivered, failed, pending } = stats.data.total;
  if (delivered + failed + pending === 0) return <span className="muted">no deliveries</span>;
  return (
    <svg className="sparkline" width={96} height={24} viewBox="0 0 96 24" role="img" aria-label={`Last 24 hours: ${delivered} delivered, ${failed} failed`}>
      {buckets.map((b, i) => {
        const ok = (b.delivered / max) * 24;
        const bad = ((b.failed + b.pending) / max) * 24;
        return (
          <g key={b.start}>
            <rect x={i * 4} y={24 - ok} width={3} height={ok} fill="#1d8a4c" />
            <rect x={i * 4} y={24 - ok - bad} width={3} height={bad} fill="#c0392b" />
          </g>
        );
      })}
    </svg>
  );
}
