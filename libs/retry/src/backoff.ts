export interface BackoffOptions {
  /** The first delay (ms). */
  initialMs: number;
  /** No delay is longer (ms). */
  maxMs: number;
  /** Each delay is the one before times this (default 2; 1 keeps it constant). */
  factor?: number;
  /** Share of each delay taken off at random (0 to 1, default 0), so many clients do not retry in step. */
  jitter?: number;
}

/**
 * The delays between tries of something that keeps failing: from `initialMs`, times `factor`
 * after each failure, never above `maxMs`. For callers that keep their own state between tries
 * (a send loop, a restart supervisor); a plain "try until it works" is `retryWithBackoff`.
 */
export class Backoff {
  private readonly factor: number;
  private readonly jitter: number;
  private current: number | null = null;

  constructor(
    private readonly options: BackoffOptions,
    private readonly random: () => number = Math.random,
  ) {
    const { initialMs, maxMs, factor = 2, jitter = 0 } = options;
    if (!(initialMs >= 0 && maxMs >= initialMs && factor >= 1 && jitter >= 0 && jitter <= 1)) {
      throw new RangeError(`invalid backoff ${JSON.stringify(options)}`);
    }
    this.factor = factor;
    this.jitter = jitter;
  }

  /** The delay before the next try (ms); each call counts one more failure. */
  next(): number {
    this.current = this.current === null ? this.options.initialMs : Math.min(this.current * this.factor, this.options.maxMs);
    return this.jitter > 0 ? Math.round(this.current * (1 - this.jitter * this.random())) : this.current;
  }

  /** After a success: the next failure waits `initialMs` again. */
  reset(): void {
    this.current = null;
  }
}
