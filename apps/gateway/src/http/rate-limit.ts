import { RateLimitedError } from '@hookline/errors';

export interface RateLimiter {
  /** Counts one request of a caller; throws RateLimitedError when it is over its limit. */
  take(callerId: string): void;
}

/**
 * A token bucket per caller: `ratePerSecond` sustained, bursts up to the same number. Exceeding
 * it throws RateLimitedError carrying the seconds until the next token (→ 429 + Retry-After).
 * Per gateway instance; with N replicas the effective limit is N times higher.
 */
export class RequestRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(callerId: string): void {
    const now = this.now();
    const bucket = this.buckets.get(callerId) ?? { tokens: this.ratePerSecond, updatedAt: now };
    bucket.tokens = Math.min(this.ratePerSecond, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.ratePerSecond);
    bucket.updatedAt = now;
    if (bucket.tokens < 1) {
      this.buckets.set(callerId, bucket);
      const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / this.ratePerSecond));
      throw new RateLimitedError(`Too many requests: at most ${this.ratePerSecond} per second per API key.`, {
        code: 'rate_limited',
        details: { retry_after_seconds: retryAfterSeconds },
      });
    }
    bucket.tokens -= 1;
    if (!this.buckets.has(callerId) && this.buckets.size >= 50_000) this.evictFull(now);
    this.buckets.set(callerId, bucket);
  }

  /** Full buckets hold no state worth keeping. */
  private evictFull(now: number): void {
    for (const [id, b] of this.buckets) {
      if (b.tokens + ((now - b.updatedAt) / 1000) * this.ratePerSecond >= this.ratePerSecond) this.buckets.delete(id);
    }
  }
}
