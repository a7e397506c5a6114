import type { DeliveryTask } from '../model/delivery-task';
import { deferredUntil, stalledUntil, takesHandOver } from './handoff';
import { WebhookLane, type QueuedTask } from '../lanes/webhook-lane';

const NOW = Date.now();
/** The first-attempt wait the fan-out is configured with. */
const LIMIT = 10_000;
const item = (n: number): QueuedTask => ({ task: { deliveryId: `del_${n}`, webhookId: 'wh_1' } as DeliveryTask, partition: 0, local: false, done: () => undefined });
/** A lane at `rps` whose endpoint never answers, with `queued` tasks beyond the first `rps`. */
const backedUp = (rps: number, queued: number, fifo = false) => {
  const lane = new WebhookLane(() => new Promise(() => undefined));
  lane.setLimits({ concurrency: 1_000, rps, fifo });
  for (let n = 0; n < rps + queued; n++) lane.push(item(n));
  return lane;
};

describe('hand-over and deferral: what a lane takes in process, and what waits in PostgreSQL', () => {
  it('an idle lane takes tasks from the fan-out; one backed up past 10 s does not', () => {
    expect(takesHandOver(backedUp(10, 0), 0, LIMIT, NOW)).toBe(true);
    expect(takesHandOver(backedUp(10, 200), 0, LIMIT, NOW)).toBe(false);
  });

  it('counts the tasks the fan-out is about to hand over with it', () => {
    const lane = backedUp(10, 0);
    expect(takesHandOver(lane, 50, LIMIT, NOW)).toBe(true);
    expect(takesHandOver(lane, 150, LIMIT, NOW)).toBe(false);
  });

  it('a FIFO lane never takes tasks in process and never defers', () => {
    const lane = backedUp(1, 100, true);
    expect(takesHandOver(lane, 0, LIMIT, NOW)).toBe(false);
    expect(deferredUntil(lane, false, NOW)).toBe(0);
  });

  it('a task from the topic for a lane backed up past 30 s is deferred, at most a minute ahead', () => {
    expect(deferredUntil(backedUp(10, 100), false, NOW)).toBe(0);
    expect(deferredUntil(backedUp(10, 400), false, NOW)).toBe(NOW + 40_100);
    expect(deferredUntil(backedUp(10, 5_000), false, NOW)).toBe(NOW + 60_000);
  });

  it('a task handed over in process is never deferred (the hand-over already checked the lane)', () => {
    expect(deferredUntil(backedUp(10, 5_000), true, NOW)).toBe(0);
  });

  it('a task handed over in process that has not started within the first-attempt wait comes back when its lane would reach it, at most a minute ahead', () => {
    expect(stalledUntil(backedUp(10, 40), NOW)).toBe(NOW + 4_100);
    expect(stalledUntil(backedUp(10, 5_000), NOW)).toBe(NOW + 60_000);
  });
});
