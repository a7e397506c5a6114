import { Backoff, type BackoffOptions } from './backoff';
import { sleep } from './sleep';

export interface RetryOptions extends BackoffOptions {
  /** No retry once it aborts: the wait in progress ends and the last failure is thrown. */
  signal?: AbortSignal;
  /** Whether a failure is worth another try (default: every one is); if not, it is thrown. */
  shouldRetry?(error: unknown): boolean;
  /** Called before each wait with the failure, the number of the try it ended (from 1) and the wait (ms). */
  onRetry?(error: unknown, attempt: number, delayMs: number): void;
  /** No retry after this long since the call (ms): the failure is thrown. */
  deadlineMs?: number;
  /** Most tries, the first one included (default: no limit). */
  maxAttempts?: number;
  /** How a wait is spent (default: `sleep`), e.g. keeping a group membership alive meanwhile. */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Runs `work` until it succeeds, waiting longer after each failure (see Backoff). It stops early,
 * throwing the last failure, when `shouldRetry` says no, the deadline or the most tries is
 * reached, or `signal` aborts. The first try always runs.
 */
export async function retryWithBackoff<T>(work: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { signal, shouldRetry, onRetry, deadlineMs = Infinity, maxAttempts = Infinity } = options;
  const wait = options.sleep ?? ((ms: number, abort?: AbortSignal) => sleep(ms, { signal: abort }));
  const backoff = new Backoff(options);
  const startedAt = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      const givenUp = attempt >= maxAttempts || Date.now() - startedAt > deadlineMs || signal?.aborted;
      if (givenUp || (shouldRetry && !shouldRetry(error))) throw error;
      const delayMs = backoff.next();
      onRetry?.(error, attempt, delayMs);
      await wait(delayMs, signal);
      if (signal?.aborted) throw error;
    }
  }
}
