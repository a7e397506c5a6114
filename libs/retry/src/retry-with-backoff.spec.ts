import { retryWithBackoff, type RetryOptions } from './retry-with-backoff';

/** Work that fails `failures` times, then returns 'done'. */
const failingTimes = (failures: number, error: unknown = new Error('unavailable')) =>
  jest.fn(async (attempt: number) => {
    if (attempt <= failures) throw error;
    return 'done';
  });

/** Records every wait instead of spending it; the clock moves on by the wait. */
const recordedSleep = () => {
  const waits: number[] = [];
  const sleep = jest.fn(async (ms: number) => {
    waits.push(ms);
    jest.setSystemTime(Date.now() + ms);
  });
  return { waits, sleep };
};

describe('retryWithBackoff', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  const options = (extra: Partial<RetryOptions> = {}): RetryOptions => ({ initialMs: 100, maxMs: 1_000, ...extra });

  it('retries until the work succeeds, waiting longer after each failure up to the most', async () => {
    const { waits, sleep } = recordedSleep();
    const work = failingTimes(6);
    await expect(retryWithBackoff(work, options({ sleep }))).resolves.toBe('done');
    expect(work).toHaveBeenCalledTimes(7);
    expect(waits).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('does not wait when the first try succeeds', async () => {
    const { sleep } = recordedSleep();
    await expect(retryWithBackoff(failingTimes(0), options({ sleep }))).resolves.toBe('done');
    expect(sleep).not.toHaveBeenCalled();
  });

  it('tells onRetry each failure, the number of the try it ended and the wait that follows', async () => {
    const { sleep } = recordedSleep();
    const error = new Error('refused');
    const onRetry = jest.fn();
    await retryWithBackoff(failingTimes(3, error), options({ sleep, onRetry }));
    expect(onRetry.mock.calls).toEqual([
      [error, 1, 100],
      [error, 2, 200],
      [error, 3, 400],
    ]);
  });

  it('throws a failure shouldRetry refuses at once, without waiting or telling onRetry', async () => {
    const { sleep } = recordedSleep();
    const onRetry = jest.fn();
    const poison = new TypeError('never succeeds');
    const work = failingTimes(5, poison);
    await expect(retryWithBackoff(work, options({ sleep, onRetry, shouldRetry: (error) => !(error instanceof TypeError) }))).rejects.toBe(poison);
    expect(work).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
    expect(onRetry).not.toHaveBeenCalled();
  });

  it('throws the last failure after the most tries', async () => {
    const { waits, sleep } = recordedSleep();
    const work = failingTimes(10);
    await expect(retryWithBackoff(work, options({ sleep, maxAttempts: 3 }))).rejects.toThrow('unavailable');
    expect(work).toHaveBeenCalledTimes(3);
    expect(waits).toEqual([100, 200]);
  });

  it('throws the failure that comes once the deadline has passed', async () => {
    const { waits, sleep } = recordedSleep();
    const work = failingTimes(100);
    await expect(retryWithBackoff(work, options({ sleep, deadlineMs: 1_000 }))).rejects.toThrow('unavailable');
    // Tries at 0, 100, 300, 700 and 1 500 ms: the last one fails after the deadline.
    expect(work).toHaveBeenCalledTimes(5);
    expect(waits).toEqual([100, 200, 400, 800]);
  });

  it('stops when its signal aborts during a wait: the wait ends at once and the last failure is thrown', async () => {
    const controller = new AbortController();
    const error = new Error('registry down');
    const work = failingTimes(100, error);
    const outcome = retryWithBackoff(work, options({ signal: controller.signal, initialMs: 60_000, maxMs: 60_000 }));
    const rejected = expect(outcome).rejects.toBe(error);
    await jest.advanceTimersByTimeAsync(10);
    controller.abort();
    await rejected;
    expect(work).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('makes no retry when the signal aborted while the work ran', async () => {
    const controller = new AbortController();
    const work = jest.fn(async () => {
      controller.abort();
      throw new Error('cancelled');
    });
    await expect(retryWithBackoff(work, options({ signal: controller.signal }))).rejects.toThrow('cancelled');
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('without a sleep of its own, waits on a timer for each delay', async () => {
    const work = failingTimes(2);
    const outcome = retryWithBackoff(work, options());
    await jest.advanceTimersByTimeAsync(299);
    expect(work).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(1);
    await expect(outcome).resolves.toBe('done');
    expect(work).toHaveBeenCalledTimes(3);
  });
});
