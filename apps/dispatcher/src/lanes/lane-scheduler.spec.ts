import { createLogger } from '@hookline/logging';
import type { DeliveryTask } from '../model/delivery-task';
import { RoutingView } from '../routing/routing-view';
import { LaneScheduler, type LaneConfig, type LaneConfigs } from './lane-scheduler';

const item = (webhookId: string) => ({ task: { deliveryId: `del_${webhookId}`, webhookId } as DeliveryTask, partition: 0, local: false, done: () => undefined });

describe('LaneScheduler: the map holds only webhooks with work', () => {
  let lanes: LaneScheduler;
  let view: RoutingView;
  beforeEach(() => {
    view = new RoutingView();
    // Only wh_known's config has been fetched before; the others never arrive (their lanes keep their tasks queued).
    const configs: LaneConfigs = {
      onInvalidate: () => undefined,
      get: () => new Promise<LaneConfig>(() => undefined),
      peek: (webhookId) => (webhookId === 'wh_known' ? { fifo: false, rateLimitRps: 100 } : undefined),
    };
    lanes = new LaneScheduler(() => new Promise(() => undefined), { configs, view, logger: createLogger('lanes-test', 'silent') }, { concurrencyPerWebhook: 10 });
  });
  afterEach(() => lanes.stop());

  it('an idle lane is dropped at the sweep; a lane with a queued task stays', () => {
    lanes.laneOf('wh_idle');
    lanes.laneOf('wh_busy').push(item('wh_busy'));
    expect(lanes.laneCount).toBe(2);
    lanes.evictLanes(Date.now());
    expect(lanes.laneCount).toBe(1);
  });

  it('a lane made again for a webhook whose config is known takes local tasks from its first one; one of an unknown webhook does not', () => {
    expect(lanes.laneOf('wh_known').takesLocalTasks).toBe(true);
    lanes.evictLanes(Date.now());
    expect(lanes.laneCount).toBe(0);
    expect(lanes.laneOf('wh_known').takesLocalTasks).toBe(true);
    expect(lanes.laneOf('wh_new').takesLocalTasks).toBe(false);
  });

  it('takes queued tasks matching a predicate out of every lane, in queue order, and leaves the rest', () => {
    const lane = lanes.laneOf('wh_new');
    for (const partition of [0, 1, 0]) lane.push({ ...item('wh_new'), partition });
    const taken = lanes.removeQueued((queued) => queued.partition === 0);
    expect(taken).toHaveLength(1);
    expect(taken[0].removed.map((queued) => queued.partition)).toEqual([0, 0]);
    expect(lane.hasQueued).toBe(true);
  });
});
