import type { Logger } from '@hookline/logging';
import { retryWithBackoff } from '@hookline/retry';
import { isPoisonError } from './poison';

const RETRY = { initialMs: 100, maxMs: 5_000 };

/**
 * Whether a failed batched write is the fault of a row in it rather than of the moment: a value
 * the database refuses whatever the moment (see isPoisonError), or a row that cannot even be
 * turned into the statement's parameters (JSON.stringify of a BigInt, an invalid Date).
 */
export function isRowFault(error: unknown): boolean {
  return isPoisonError(error) || error instanceof TypeError || error instanceof RangeError;
}

export interface PoisonRowOptions<T> {
  /** The writer's name, for logs and metrics (`attempt-recorder`, `event-archive`…). */
  writer: string;
  logger: Logger;
  /** Sets one row aside with why it could not be written: dead-letter it, count it. Retried while it throws. */
  setAside(row: T, error: unknown): Promise<void>;
}

/**
 * Writes a batch so that no row can poison it. The write must be atomic (one statement or one
 * transaction). A failure of the moment (the database down, a lock timeout) is retried with
 * backoff: it would fail every row alike, and no row is dropped for it. A failure that is a row's
 * fault splits the batch in halves, each written the same way, until the one bad row is alone; it
 * is set aside and every other row is written. So a poisoned batch costs at most about
 * 2·log2(n) extra statements, and is never retried as a whole.
 */
export async function writeIsolatingPoison<T>(rows: readonly T[], write: (rows: readonly T[]) => Promise<void>, options: PoisonRowOptions<T>): Promise<void> {
  if (rows.length === 0) return;
  try {
    await retryWithBackoff(() => write(rows), {
      ...RETRY,
      shouldRetry: (error) => !isRowFault(error),
      onRetry: (error, attempt) => {
        if (attempt % 30 === 1) options.logger.error({ err: error, writer: options.writer, rows: rows.length, attempt }, 'batched write failed; retrying');
      },
    });
  } catch (error) {
    if (rows.length === 1) {
      options.logger.error({ err: error, writer: options.writer }, 'a row can never be written: set aside');
      try {
        await retryWithBackoff(() => options.setAside(rows[0], error), {
          ...RETRY,
          // The dead-letter table away: wait for it. The row unstorable even there: give up on it.
          shouldRetry: (storeError) => !isRowFault(storeError),
          onRetry: (storeError, attempt) => {
            if (attempt % 30 === 1) options.logger.error({ err: storeError, writer: options.writer }, 'setting a row aside failed; retrying');
          },
        });
      } catch (storeError) {
        options.logger.error({ err: storeError, cause: error, writer: options.writer }, 'a row could be neither written nor set aside; only this log keeps it');
      }
      return;
    }
    const middle = Math.ceil(rows.length / 2);
    await writeIsolatingPoison(rows.slice(0, middle), write, options);
    await writeIsolatingPoison(rows.slice(middle), write, options);
  }
}
