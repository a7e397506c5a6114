import type { DeliveryTask } from '../delivery/delivery-task';
import { RoutingView } from '../routing/routing-view';
import { DeliveryOwnership } from './ownership';
import { Sender, type SenderDeps } from './sender';

const task = (webhookId: string): DeliveryTask => ({
  deliveryId: `del_${webhookId}`,
  webhookId,
  orgId: 'org_a',
  eventId: 'evt_1',
  eventType: 'transfer.completed',
  attempt: 1,
  isTest: false,
  envelopeJson: '{}',
  traceparent: '',
  manual: false,
  publishedAtMs: 0,
});

describe('Sender lanes: the map holds only webhooks with work', () => {
  let sender: Sender;
  beforeEach(() => {
    const ownership = new DeliveryOwnership(1);
    ownership.setOwned([0]);
    // Configs that never arrive: a lane holds its tasks until it knows its limits, so nothing is sent.
    const deps = {
      view: new RoutingView(),
      ownership,
      configs: {
        onInvalidate: () => undefined,
        get: () => new Promise(() => undefined),
        // Only wh_known's config has been fetched before.
        peek: (webhookId: string) => (webhookId === 'wh_known' ? { fifo: false, rateLimitRps: 100 } : undefined),
      },
      metrics: { senderInFlight: { set: () => undefined }, deliveries: { inc: () => undefined } },
    } as unknown as SenderDeps;
    sender = new Sender(deps, { concurrencyPerWebhook: 10, maxInFlight: 100, defaultScheduleSeconds: [] });
  });
  afterEach(() => sender.stop());

  it('an idle lane is dropped at the sweep; a lane with a queued task stays', () => {
    expect(sender.localPartition(task('wh_idle'))).toBeNull();
    sender.enqueue({ task: task('wh_busy'), partition: 0, local: false, done: () => undefined });
    expect(sender.laneCount).toBe(2);
    sender.evictLanes(Date.now());
    expect(sender.laneCount).toBe(1);
  });

  it('a lane made again for a webhook whose config is known takes the hand-over from its first task', () => {
    expect(sender.localPartition(task('wh_known'))).toBe(0);
    sender.evictLanes(Date.now());
    expect(sender.laneCount).toBe(0);
    expect(sender.localPartition(task('wh_known'))).toBe(0);
    // Unknown limits: through the topic until the config arrives.
    expect(sender.localPartition(task('wh_new'))).toBeNull();
  });

  it('a full sender makes the fan-out wait, yet still takes the hand-over of slices already under way, up to twice its bound', async () => {
    for (let i = 0; i < 150; i++) sender.enqueue({ task: task(`wh_${i}`), partition: 0, local: false, done: () => undefined });
    expect(sender.full).toBe(true);
    let room = false;
    void sender.whenRoom().then(() => (room = true));
    await Promise.resolve();
    expect(room).toBe(false);
    expect(sender.localPartition(task('wh_known'))).toBe(0);
    for (let i = 150; i < 200; i++) sender.enqueue({ task: task(`wh_${i}`), partition: 0, local: false, done: () => undefined });
    expect(sender.localPartition(task('wh_known'))).toBeNull();
  });
});
