import type { DeliveryUpdate } from '../delivery/attempt-row';
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
  let recorded: DeliveryUpdate[];
  beforeEach(() => {
    recorded = [];
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
      recorder: {
        record: (_attempt: unknown, update: DeliveryUpdate) => {
          recorded.push(update);
          return Promise.resolve();
        },
      },
      metrics: { senderInFlight: { set: () => undefined }, deliveries: { inc: () => undefined } },
    } as unknown as SenderDeps;
    sender = new Sender(deps, { concurrencyPerWebhook: 10, maxInFlight: 100, firstAttemptWaitMs: 2_000, defaultScheduleSeconds: [] });
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

  it('tasks handed over in process that have not started within the first-attempt wait are written as pending, due when their lane would reach them, and release their offsets', async () => {
    // wh_known: 10 at a time, and its endpoint never gets past the config fetch — 10 start, 10 wait.
    const done: number[] = [];
    const queuedAt = Date.now();
    for (let i = 0; i < 20; i++) {
      sender.enqueue({ task: { ...task('wh_known'), deliveryId: `del_${String(i).padStart(2, '0')}` }, partition: 0, local: true, done: () => done.push(i) });
    }
    sender.releaseStalled(queuedAt + 1_000);
    expect(recorded).toEqual([]);

    sender.releaseStalled(Date.now() + 2_000);
    expect(recorded.map((update) => update.deliveryId)).toEqual(Array.from({ length: 10 }, (_, n) => `del_${n + 10}`));
    for (const update of recorded) {
      expect(update).toMatchObject({ status: 'pending', attemptCount: 0, lastAttemptAt: null, origin: { eventId: 'evt_1' } });
      expect(update.nextAttemptAt!.getTime()).toBeGreaterThan(queuedAt);
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, n) => n + 10));
    expect(sender.inFlight).toBe(10);
  });

  it('a task from the deliveries topic is never released that way (its offset is not the event\'s)', () => {
    for (let i = 0; i < 20; i++) sender.enqueue({ task: { ...task('wh_known'), deliveryId: `del_${i}` }, partition: 0, local: false, done: () => undefined });
    sender.releaseStalled(Date.now() + 60_000);
    expect(recorded).toEqual([]);
  });
});
