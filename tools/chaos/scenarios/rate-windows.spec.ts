import { busiestSecond, rateLimitBreaches } from './rate-windows';

describe('the busiest one-second window at an endpoint', () => {
  it('counts arrivals less than a second apart together, and a second apart separately', () => {
    expect(busiestSecond([])).toBe(0);
    expect(busiestSecond([0, 999])).toBe(2);
    expect(busiestSecond([0, 1_000])).toBe(1);
    expect(busiestSecond([5_000, 100, 200, 1_150, 1_199, 300])).toBe(4);
  });

  it('names the paths over their limit', () => {
    const byPath = new Map([
      ['/a', [0, 10, 20]],
      ['/b', [0, 600, 1_200]],
    ]);
    expect(rateLimitBreaches(byPath, ['/a', '/b', '/c'], 2)).toEqual({
      breaches: ['/a received 3 requests within one second (rate limit 2/s)'],
      busiest: { '/a': 3, '/b': 2, '/c': 0 },
    });
  });
});
