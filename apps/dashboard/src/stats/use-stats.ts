import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';

export const WINDOWS = {
  '24h': { label: 'Last 24 hours', buckets: 24, interval: '1h', seconds: 3600 },
  '7d': { label: 'Last 7 days', buckets: 28, interval: '6h', seconds: 6 * 3600 },
  '30d': { label: 'Last 30 days', buckets: 30, interval: '1d', seconds: 86_400 },
} as const;
export type WindowName = keyof typeof WINDOWS;

/** A window ending with the current bucket, aligned to whole buckets (so the API can read its hourly rollup). */
export function windowRange(name: WindowName, now = Date.now()): { from: string; to: string; interval: string } {
  const w = WINDOWS[name];
  const size = w.seconds * 1000;
  const end = Math.floor(now / size) * size + size;
  return { from: new Date(end - w.buckets * size).toISOString(), to: new Date(end).toISOString(), interval: w.interval };
}

/** Delivery statistics of one webhook, or of the whole organization without one. */
export function useStats(webhookId: string | undefined, name: WindowName) {
  const range = windowRange(name);
  return useQuery({
    queryKey: ['stats', webhookId ?? 'org', name, range.from],
    queryFn: () =>
      webhookId
        ? call(api.GET('/v1/webhooks/{id}/stats', { params: { path: { id: webhookId }, query: range } }))
        : call(api.GET('/v1/stats', { params: { query: range } })),
    refetchInterval: 30_000,
  });
}
