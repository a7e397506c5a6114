import { sleep } from './sleep';

describe('sleep', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const settled = (promise: Promise<void>) => {
    let done = false;
    void promise.then(() => (done = true));
    return () => done;
  };

  it('resolves once the time has passed, not before', async () => {
    const done = settled(sleep(1_000));
    await jest.advanceTimersByTimeAsync(999);
    expect(done()).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(done()).toBe(true);
  });

  it('ends early, without an error, when its signal aborts', async () => {
    const controller = new AbortController();
    const done = settled(sleep(60_000, { signal: controller.signal }));
    await jest.advanceTimersByTimeAsync(10);
    controller.abort();
    await Promise.resolve();
    expect(done()).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('does not wait at all when its signal has aborted already', async () => {
    await expect(sleep(60_000, { signal: AbortSignal.abort() })).resolves.toBeUndefined();
    expect(jest.getTimerCount()).toBe(0);
  });
});
