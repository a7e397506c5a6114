/** How `publish()` retries an answer that says "not now" (429, 503, 504, 409 key busy) or a request that never got one. */
export interface RetryOptions {
  /** Attempts in all, the first included (default 5). */
  attempts?: number;
  /** First backoff delay (default 500 ms); doubled per attempt, ±20 % jitter. */
  baseDelayMs?: number;
  /** Longest backoff delay (default 30 s). */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the error is thrown (default 5 min). */
  maxRetryAfterMs?: number;
  /** Waits `ms` (replaceable in tests; default a timer that `signal` cancels). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Not now: rate limited, unavailable, or the platform's own deadline passed (504) — a keyed retry is safe. */
export const RETRYABLE_STATUSES = new Set([429, 503, 504]);

/**
 * Milliseconds a `Retry-After` header asks for: delay-seconds or an HTTP date
 * (RFC 9110 §10.2.3); undefined when absent or unreadable.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return value.length <= 10 ? Number(value) * 1000 : undefined;
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The exponential backoff before attempt `attempt + 1` (attempt counts from 1), with jitter. */
export function backoffMs(attempt: number, options: Required<Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>>, random = Math.random): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
