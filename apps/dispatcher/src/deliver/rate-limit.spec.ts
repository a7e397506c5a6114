import { RateLimit } from './rate-limit';

describe('RateLimit', () => {
  it('lets no more than rps sends start in any one-second window', () => {
    const limit = new RateLimit(5);
    const starts: number[] = [];
    for (let now = 0; now < 5_000; now++) if (limit.tryTake(now) === 0) starts.push(now);
    for (const start of starts) expect(starts.filter((t) => t >= start && t < start + 1_000).length).toBeLessThanOrEqual(5);
    expect(starts.length).toBeGreaterThanOrEqual(22);
  });

  it('lets a burst of rps through at once, then says how long until the oldest send leaves the window', () => {
    const limit = new RateLimit(10);
    for (let i = 0; i < 10; i++) expect(limit.tryTake(i)).toBe(0);
    expect(limit.tryTake(50)).toBe(1_000);
    expect(limit.tryTake(1_050)).toBe(0);
    expect(limit.tryTake(1_050)).toBe(1);
  });

  it('a lower rate applies to the sends already made', () => {
    const limit = new RateLimit(10);
    for (let i = 0; i < 4; i++) limit.tryTake(i);
    limit.setRate(3);
    expect(limit.tryTake(10)).toBeGreaterThan(0);
    limit.setRate(5);
    expect(limit.tryTake(10)).toBe(0);
  });
});
