import type { Logger } from '@hookline/logging';
import type { Pool } from 'pg';
import { deleteExpiredAttempts, deleteExpiredDeliveries, deleteExpiredRecoveryJobs } from '../db/retention-store';

const DAY_MS = 86_400_000;

export interface DeliveryRetentionOptions {
  retentionDays: number;
  /** Deliveries per statement: short statements keep locks and WAL bursts small. */
  batchSize?: number;
  now?: Date;
}

export interface Pruned {
  deliveries: number;
  attempts: number;
}

/**
 * Deletes deliveries created before the retention window with their attempts (and the event
 * payloads no remaining delivery uses), plus any older attempt, in batches of `batchSize`
 * rows, each its own short statement. Rows locked by the delivery path are skipped (SKIP
 * LOCKED) and picked up by a later run, so pruning never waits on, nor blocks, a delivery.
 */
export async function pruneDeliveries(pool: Pool, options: DeliveryRetentionOptions): Promise<Pruned> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.retentionDays * DAY_MS);
  const batchSize = options.batchSize ?? 500;
  const pruned: Pruned = { deliveries: 0, attempts: 0 };
  for (;;) {
    const { deliveries, attempts } = await deleteExpiredDeliveries(pool, cutoff, batchSize);
    pruned.deliveries += deliveries;
    pruned.attempts += attempts;
    if (deliveries < batchSize) break;
  }
  // Attempts past the window whose delivery is younger (a late retry of an old delivery is not).
  for (;;) {
    const attempts = await deleteExpiredAttempts(pool, cutoff, batchSize);
    pruned.attempts += attempts;
    if (attempts < batchSize) break;
  }
  await deleteExpiredRecoveryJobs(pool, cutoff);
  return pruned;
}

/** Runs `pruneDeliveries` every `intervalMs` (first run soon after start); one run at a time. */
export function scheduleDeliveryRetention(pool: Pool, options: DeliveryRetentionOptions & { intervalMs: number; logger: Logger }): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return;
    running = pruneDeliveries(pool, { retentionDays: options.retentionDays, batchSize: options.batchSize })
      .then((pruned) => {
        if (pruned.deliveries + pruned.attempts > 0) options.logger.info(pruned, 'delivery retention deleted expired rows');
      })
      .catch((error) => options.logger.warn({ err: error }, 'delivery retention failed; retrying at the next interval'))
      .finally(() => (running = null));
  };
  const first = setTimeout(run, Math.min(options.intervalMs, 10_000));
  const timer = setInterval(run, options.intervalMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
