import type { Logger } from '@hookline/logging';
import type { EventArchive } from '../db/event-archive';
import type { IdempotencyKeys } from '../db/idempotency-keys';

const DAY_MS = 86_400_000;

export interface RetentionOptions {
  archive: EventArchive;
  idempotencyKeys: IdempotencyKeys;
  retentionDays: number;
  /** Rows per delete statement: short statements keep locks and WAL bursts small. */
  batchSize?: number;
  now?: () => Date;
}

/** Deletes archived events past retention and idempotency keys past their window. */
export async function enforceRetention(options: RetentionOptions): Promise<{ events: number; keys: number }> {
  const now = (options.now ?? (() => new Date()))();
  const batchSize = options.batchSize ?? 5_000;
  const events = await options.archive.deleteOlderThan(new Date(now.getTime() - options.retentionDays * DAY_MS), batchSize);
  const keys = await options.idempotencyKeys.deleteExpired(now, batchSize);
  return { events, keys };
}

/** Runs the retention cleanup every `intervalMs` (first run soon after start). */
export function scheduleRetention(options: RetentionOptions & { intervalMs: number; logger: Logger }): { stop(): void } {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const deleted = await enforceRetention(options);
      if (deleted.events + deleted.keys > 0) options.logger.info(deleted, 'retention cleanup deleted expired rows');
    } catch (error) {
      options.logger.warn({ err: error }, 'retention cleanup failed; retrying at the next interval');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, Math.min(options.intervalMs, 10_000));
  const timer = setInterval(run, options.intervalMs);
  first.unref();
  timer.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
