import { RateLimitedError } from '@hookline/errors';

export interface FailedAuthenticationLimits {
  /** Failures an address may make at once before it is slowed down. */
  burst: number;
  /** Failures per second an address earns back. */
  perSecond: number;
}

/**
 * A token bucket per client address that only failed authentications drain. Once an address
 * has spent its burst on wrong keys, its requests are answered 429 + Retry-After without asking
 * the registry, so guessing keys costs the guesser time and the registry nothing.
 */
export class FailedAuthentications {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly limits: FailedAuthenticationLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws RateLimitedError while the address has no failure left to spend. */
  assertAllowed(address: string): void {
    const bucket = this.refill(address);
    if (!bucket || bucket.tokens >= 1) return;
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / this.limits.perSecond));
    throw new RateLimitedError('Too many failed authentications from this address; retry later.', {
      code: 'too_many_failed_authentications',
      details: { retry_after_seconds: retryAfterSeconds },
    });
  }

  recordFailure(address: string): void {
    const bucket = this.refill(address) ?? { tokens: this.limits.burst, updatedAt: this.now() };
    bucket.tokens = Math.max(0, bucket.tokens - 1);
    if (!this.buckets.has(address) && this.buckets.size >= 50_000) this.evictFull();
    this.buckets.set(address, bucket);
  }

  private refill(address: string): { tokens: number; updatedAt: number } | undefined {
    const bucket = this.buckets.get(address);
    if (!bucket) return undefined;
    const now = this.now();
    bucket.tokens = Math.min(this.limits.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.limits.perSecond);
    bucket.updatedAt = now;
    if (bucket.tokens >= this.limits.burst) this.buckets.delete(address);
    return bucket;
  }

  /** Full buckets hold no state worth keeping. */
  private evictFull(): void {
    for (const address of [...this.buckets.keys()]) this.refill(address);
  }
}
