import { backoffMs, retryAfterMs } from './retry-policy';

describe('retryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delay-seconds and HTTP dates', () => {
    expect(retryAfterMs('7', now)).toBe(7_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    for (const value of [null, '', '-1', '1.5', 'soon', '99999999999']) expect(retryAfterMs(value, now)).toBeUndefined();
  });
});

describe('backoffMs', () => {
  it('doubles per attempt within ±20 %, capped', () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(backoffMs(1, options, () => 0.5)).toBe(100);
    expect(backoffMs(3, options, () => 0.5)).toBe(400);
    expect(backoffMs(10, options, () => 0.5)).toBe(1_000);
    expect(backoffMs(1, options, () => 0)).toBe(80);
    expect(backoffMs(1, options, () => 0.999_999)).toBe(120);
  });
});
