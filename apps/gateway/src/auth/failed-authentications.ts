import { RateLimitedError } from '@hookline/errors';

export interface FailedAuthenticationLimits {
  /** Failures an address (and, apart, an address with one key prefix) may make at once before it is slowed down. */
  burst: number;
  /** Failures per second earned back. */
  perSecond: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** How many buckets (and known-good pairs) are kept at most: beyond that, full buckets are dropped first. */
const MAX_ENTRIES = 50_000;

/**
 * Token buckets that only failed authentications drain, kept per client address and per
 * (address, key prefix). A pair that spent its burst is answered 429 + Retry-After without a key
 * lookup, so guessing one key costs the guesser time. An address that spent its own burst (a
 * flood of keys with ever new prefixes) is refused too — except for the key prefixes that
 * authenticated from it before: a flood from a shared address (a NAT, a proxy) does not lock out
 * the valid keys in use there.
 */
export class FailedAuthentications {
  private readonly buckets = new Map<string, Bucket>();
  /** `address prefix` pairs that authenticated successfully, most recent last. */
  private readonly known = new Map<string, true>();

  constructor(
    private readonly limits: FailedAuthenticationLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws RateLimitedError while this address, or this key prefix from it, has no failure left to spend. */
  assertAllowed(address: string, prefix: string): void {
    const pair = this.refill(pairKey(address, prefix));
    const whole = this.known.has(pairKey(address, prefix)) ? undefined : this.refill(address);
    const empty = [pair, whole].find((bucket) => bucket && bucket.tokens < 1);
    if (!empty) return;
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - empty.tokens) / this.limits.perSecond));
    throw new RateLimitedError('Too many failed authentications from this address; retry later.', {
      code: 'too_many_failed_authentications',
      details: { retry_after_seconds: retryAfterSeconds },
    });
  }

  recordFailure(address: string, prefix: string): void {
    for (const key of [address, pairKey(address, prefix)]) {
      const bucket = this.refill(key) ?? { tokens: this.limits.burst, updatedAt: this.now() };
      bucket.tokens = Math.max(0, bucket.tokens - 1);
      if (!this.buckets.has(key) && this.buckets.size >= MAX_ENTRIES) this.evictFull();
      this.buckets.set(key, bucket);
    }
  }

  /** A key with this prefix authenticated from this address: a flood from the address will not refuse it. */
  recordSuccess(address: string, prefix: string): void {
    const key = pairKey(address, prefix);
    this.known.delete(key);
    this.known.set(key, true);
    if (this.known.size > MAX_ENTRIES) this.known.delete(this.known.keys().next().value!);
  }

  private refill(key: string): Bucket | undefined {
    const bucket = this.buckets.get(key);
    if (!bucket) return undefined;
    const now = this.now();
    bucket.tokens = Math.min(this.limits.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.limits.perSecond);
    bucket.updatedAt = now;
    if (bucket.tokens >= this.limits.burst) this.buckets.delete(key);
    return bucket;
  }

  /** Full buckets hold no state worth keeping. */
  private evictFull(): void {
    for (const key of [...this.buckets.keys()]) this.refill(key);
  }
}

const pairKey = (address: string, prefix: string) => `${address} ${prefix}`;

/**
 * The part of a presented key that names it without being secret: its type and the first six
 * random characters (what the key list shows, e.g. `hk_AbC123`).
 */
export function keyPrefix(token: string): string {
  const type = /^[a-z]+_/.exec(token)?.[0] ?? '';
  return token.slice(0, type.length + 6);
}
