import { Backoff } from './backoff';

const delays = (backoff: Backoff, count: number) => Array.from({ length: count }, () => backoff.next());

describe('Backoff', () => {
  it('doubles from the initial delay up to the most, then stays there', () => {
    expect(delays(new Backoff({ initialMs: 100, maxMs: 5_000 }), 8)).toEqual([100, 200, 400, 800, 1_600, 3_200, 5_000, 5_000]);
  });

  it('grows by the factor it is given; a factor of 1 keeps the delay constant', () => {
    expect(delays(new Backoff({ initialMs: 100, maxMs: 1_000, factor: 3 }), 4)).toEqual([100, 300, 900, 1_000]);
    expect(delays(new Backoff({ initialMs: 500, maxMs: 500, factor: 1 }), 3)).toEqual([500, 500, 500]);
  });

  it('starts over from the initial delay after a reset', () => {
    const backoff = new Backoff({ initialMs: 250, maxMs: 5_000 });
    delays(backoff, 5);
    backoff.reset();
    expect(delays(backoff, 2)).toEqual([250, 500]);
  });

  it('takes up to the jitter share off each delay, at random', () => {
    const random = jest.fn().mockReturnValueOnce(0).mockReturnValueOnce(1).mockReturnValueOnce(0.5);
    expect(delays(new Backoff({ initialMs: 1_000, maxMs: 10_000, jitter: 0.2 }, random), 3)).toEqual([1_000, 1_600, 3_600]);
  });

  it('stays at the most however many failures it counts', () => {
    const backoff = new Backoff({ initialMs: 1, maxMs: 30_000 });
    expect(delays(backoff, 5_000).at(-1)).toBe(30_000);
  });

  it('refuses settings that cannot make a sequence of delays', () => {
    expect(() => new Backoff({ initialMs: 500, maxMs: 100 })).toThrow(RangeError);
    expect(() => new Backoff({ initialMs: 100, maxMs: 500, factor: 0.5 })).toThrow(RangeError);
    expect(() => new Backoff({ initialMs: 100, maxMs: 500, jitter: 2 })).toThrow(RangeError);
  });
});
