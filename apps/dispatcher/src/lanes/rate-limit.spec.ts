import { RateLimit } from './rate-limit';

describe('RateLimit', () => {
  it('lets no more than rps sends start in any one-second window', () => {
    const limit = new RateLimit(5);
    const starts: number[] = [];
    for (let now = 0; now < 5_000; now++) {
      if (limit.tryTake(now) === 0) {
        starts.push(now);
        limit.release(now); // an endpoint answering at once
      }
    }
    for (const start of starts) expect(starts.filter((t) => t >= start && t < start + 1_000).length).toBeLessThanOrEqual(5);
    expect(starts.length).toBeGreaterThanOrEqual(22);
  });

  it('lets a burst of rps through at once, then says how long until the oldest completion leaves the window', () => {
    const limit = new RateLimit(10);
    for (let i = 0; i < 10; i++) expect(limit.tryTake(i)).toBe(0);
    // All ten still in flight: nothing frees up until one completes.
    expect(limit.tryTake(20)).toBe(Infinity);
    for (let i = 0; i < 10; i++) limit.release(30 + i);
    expect(limit.tryTake(50)).toBe(985);
    expect(limit.tryTake(1_035)).toBe(0);
    expect(limit.tryTake(1_035)).toBe(1);
  });

  it('counts a slow send from its completion: arrivals at the endpoint never bunch', () => {
    const limit = new RateLimit(2);
    expect(limit.tryTake(0)).toBe(0);
    expect(limit.tryTake(0)).toBe(0);
    limit.release(10);
    limit.release(400); // this one may have reached the endpoint as late as t = 400
    expect(limit.tryTake(1_015)).toBe(0);
    expect(limit.tryTake(1_015)).toBeGreaterThan(0);
    expect(limit.tryTake(1_405)).toBe(0);
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
