export interface SleepOptions {
  /** Ends the wait early (without an error) when it aborts. */
  signal?: AbortSignal;
  /** Whether the wait alone may keep the process running (default true). */
  ref?: boolean;
}

/** Waits `ms`, or until `signal` aborts if that comes first; never rejects. */
export function sleep(ms: number, { signal, ref = true }: SleepOptions = {}): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    if (!ref) timer.unref();
    signal?.addEventListener('abort', done, { once: true });
  });
}
