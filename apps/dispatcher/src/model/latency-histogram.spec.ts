import { binOf, binUpperMs, quantile } from './latency-histogram';

describe('latency histogram', () => {
  it('reads a percentile within 9 % above the exact value', () => {
    const histogram: number[] = [];
    const durations = Array.from({ length: 1000 }, (_, i) => 10 + i);
    for (const d of durations) histogram[binOf(d)] = (histogram[binOf(d)] ?? 0) + 1;
    for (const [q, exact] of [[0.5, 509], [0.95, 959]] as const) {
      const read = quantile(histogram, q);
      expect(read).toBeGreaterThanOrEqual(exact);
      expect(read).toBeLessThanOrEqual(exact * 1.09 + 1);
    }
  });

  it('answers 0 for no attempts, and a bin edge is never below a value in it', () => {
    expect(quantile([], 0.5)).toBe(0);
    for (const d of [0, 1, 15, 999, 30_000]) expect(binUpperMs(binOf(d))).toBeGreaterThanOrEqual(d);
  });
});
