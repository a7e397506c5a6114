import { waitFor } from '@hookline/testing';
import type { DeliveryTask } from '../model/delivery-task';
import { WebhookLane, type QueuedTask } from './webhook-lane';

const item = (n: number): QueuedTask => ({ task: { deliveryId: `del_${n}`, webhookId: 'wh_1' } as DeliveryTask, partition: 0, local: false, done: () => undefined });

describe('WebhookLane.estimatedWaitMs (decides whether the fan-out may hand it tasks in process)', () => {
  it('an idle lane with known limits starts a task at once; without limits it is never ready', () => {
    const lane = new WebhookLane(() => new Promise(() => undefined));
    expect(lane.estimatedWaitMs(Date.now())).toBe(Infinity);
    lane.setLimits({ concurrency: 10, rps: 100, fifo: false });
    expect(lane.estimatedWaitMs(Date.now())).toBe(0);
    expect(lane.takesLocalTasks).toBe(true);
  });

  it('a hanging endpoint: the wait grows with the age of the runs in flight', () => {
    const lane = new WebhookLane(() => new Promise(() => undefined));
    lane.setLimits({ concurrency: 2, rps: 100, fifo: false });
    for (let n = 0; n < 5; n++) lane.push(item(n));
    const now = Date.now();
    // Two runs hang; three queued: (3 + 1) tasks at 2 per run time.
    expect(lane.estimatedWaitMs(now + 10_000)).toBeGreaterThanOrEqual(20_000);
    expect(lane.estimatedWaitMs(now + 10_000)).toBeGreaterThan(lane.estimatedWaitMs(now + 1_000));
  });

  it('a rate-limited endpoint: the queue ahead over the rate', () => {
    let started = 0;
    const lane = new WebhookLane(() => {
      started++;
      return new Promise(() => undefined);
    });
    lane.setLimits({ concurrency: 1_000, rps: 5, fifo: false });
    for (let n = 0; n < 15; n++) lane.push(item(n));
    // 5 started (the rate window is full), 10 queued: 11 tasks ahead of a new one at 5/s.
    expect(started).toBe(5);
    expect(lane.estimatedWaitMs(Date.now())).toBeCloseTo(2_200, -1);
  });

  it('a FIFO lane never takes tasks in process (its order is the topic order)', () => {
    const lane = new WebhookLane(() => Promise.resolve());
    lane.setLimits({ concurrency: 1, rps: 100, fifo: true });
    expect(lane.takesLocalTasks).toBe(false);
  });

  it('a lane is idle once its sends finish, and quiet once they are a rate window old: dropping it then loosens no limit', async () => {
    let finish: () => void = () => undefined;
    const lane = new WebhookLane(() => new Promise<void>((resolve) => (finish = resolve)));
    lane.setLimits({ concurrency: 1, rps: 1, fifo: false });
    lane.push(item(0));
    expect(lane.idle).toBe(false);
    expect(lane.quiet(Date.now())).toBe(false);
    finish();
    await waitFor(() => lane.idle, { message: 'the send to finish' });
    const finished = Date.now();
    expect(lane.quiet(finished)).toBe(false);
    expect(lane.quiet(finished + 1_100)).toBe(true);
  });
});
