import { RateLimit } from './rate-limit';

describe('RateLimit', () => {
  it('lets no more than rps sends start in any one-second window', () => {
    const limit = new RateLimit(5);
    const starts: number[] = [];
    for (let now = 0; now < 5_000; now++) if (limit.tryTake(now) === 0) starts.push(now);
    for (const start of starts) expect(starts.filter((t) => t >= start && t < start + 1_000).length).toBeLessThanOrEqual(5);
    expect(starts.length).toBeGreaterThanOrEqual(22);
  });

  it('says how long to wait for the next slot', () => {
    const limit = new RateLimit(10);
    expect(limit.tryTake(0)).toBe(0);
    expect(limit.tryTake(50)).toBe(60);
    expect(limit.tryTake(110)).toBe(0);
  });
});
