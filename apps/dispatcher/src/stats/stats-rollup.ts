import type { Pool } from 'pg';
import { refreshDeliveryStats } from '../db/stats-rollup-store';

/** Refreshes every `intervalMs` until stopped; a failed pass is logged and retried next time. */
export function startStatsRollup(pool: Pool, intervalMs: number, onError: (error: unknown) => void): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => refreshDeliveryStats(pool).catch(onError));
  }, intervalMs);
  timer.unref();
  running = refreshDeliveryStats(pool).catch(onError);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
