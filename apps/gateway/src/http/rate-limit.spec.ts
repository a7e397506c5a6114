import { RequestRateLimiter } from './rate-limit';

describe('RequestRateLimiter', () => {
  it('allows a burst of `rate` requests, then refuses with the seconds until the next token', () => {
    let now = 1_000_000;
    const limiter = new RequestRateLimiter(3, () => now);
    for (let i = 0; i < 3; i++) limiter.take('key_a');
    expect(() => limiter.take('key_a')).toThrow(expect.objectContaining({ kind: 'rate_limited', details: { retry_after_seconds: 1 } }));
    now += 400; // 1.2 tokens refilled
    expect(() => limiter.take('key_a')).not.toThrow();
    expect(() => limiter.take('key_a')).toThrow(expect.objectContaining({ kind: 'rate_limited' }));
  });

  it('keeps one bucket per caller', () => {
    const limiter = new RequestRateLimiter(1, () => 0);
    limiter.take('key_a');
    expect(() => limiter.take('key_b')).not.toThrow();
    expect(() => limiter.take('key_a')).toThrow();
  });
});
