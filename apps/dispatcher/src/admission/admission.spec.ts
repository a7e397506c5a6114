import { createLogger } from '@hookline/logging';
import { Registry } from '@hookline/telemetry';
import { LaneScheduler, type LaneConfig, type LaneConfigs } from '../lanes/lane-scheduler';
import { createDispatcherMetrics } from '../metrics';
import type { DeliveryUpdate } from '../model/attempt-row';
import type { DeliveryTask } from '../model/delivery-task';
import { RoutingView } from '../routing/routing-view';
import { Admission } from './admission';
import { DeliveryOwnership } from './ownership';

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

describe('admission: what enters the lanes, and what is settled before', () => {
  let admission: Admission;
  let lanes: LaneScheduler;
  let view: RoutingView;
  let recorded: DeliveryUpdate[];
  let started: string[];
  beforeEach(() => {
    recorded = [];
    started = [];
    view = new RoutingView();
    const ownership = new DeliveryOwnership(1);
    ownership.setOwned([0]);
    // Only wh_known's config has been fetched before; every other one never arrives, so its lane
    // keeps its tasks queued until it knows its limits.
    const configs: LaneConfigs = {
      onInvalidate: () => undefined,
      get: () => new Promise<LaneConfig>(() => undefined),
      peek: (webhookId) => (webhookId === 'wh_known' ? { fifo: false, rateLimitRps: 100 } : undefined),
    };
    const logger = createLogger('admission-test', 'silent');
    // Every run's endpoint never answers: what starts stays in flight.
    lanes = new LaneScheduler(
      (item) => {
        started.push(item.task.deliveryId);
        return new Promise(() => undefined);
      },
      { configs, view, logger },
      { concurrencyPerWebhook: 10 },
    );
    const recorder = {
      record: (_attempt: unknown, update: DeliveryUpdate) => {
        recorded.push(update);
        return Promise.resolve();
      },
    };
    admission = new Admission({ lanes, ownership, view, recorder, metrics: createDispatcherMetrics(new Registry()), logger }, { maxInFlight: 100, firstAttemptWaitMs: 2_000 });
  });
  afterEach(() => {
    admission.stop();
    lanes.stop();
  });

  it('a full admission makes the fan-out wait, yet still takes the hand-over of slices already under way, up to twice its bound', async () => {
    for (let i = 0; i < 150; i++) admission.admit({ task: task(`wh_${i}`), partition: 0, local: false, done: () => undefined });
    expect(admission.full).toBe(true);
    let room = false;
    void admission.whenRoom().then(() => (room = true));
    await Promise.resolve();
    expect(room).toBe(false);
    expect(admission.localPartition(task('wh_known'))).toBe(0);
    for (let i = 150; i < 200; i++) admission.admit({ task: task(`wh_${i}`), partition: 0, local: false, done: () => undefined });
    expect(admission.localPartition(task('wh_known'))).toBeNull();
  });

  it('tasks handed over in process that have not started within the first-attempt wait are written as pending, due when their lane would reach them, and release their offsets', async () => {
    // wh_known: 10 at a time, and its endpoint never answers — 10 start, 10 wait.
    const done: number[] = [];
    const queuedAt = Date.now();
    for (let i = 0; i < 20; i++) {
      admission.admit({ task: { ...task('wh_known'), deliveryId: `del_${String(i).padStart(2, '0')}` }, partition: 0, local: true, done: () => done.push(i) });
    }
    admission.releaseStalled(queuedAt + 1_000);
    expect(recorded).toEqual([]);

    admission.releaseStalled(Date.now() + 2_000);
    expect(recorded.map((update) => update.deliveryId)).toEqual(Array.from({ length: 10 }, (_, n) => `del_${n + 10}`));
    for (const update of recorded) {
      expect(update).toMatchObject({ status: 'pending', attemptCount: 0, lastAttemptAt: null, origin: { eventId: 'evt_1' } });
      expect(update.nextAttemptAt!.getTime()).toBeGreaterThan(queuedAt);
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, n) => n + 10));
    expect(admission.inFlight).toBe(10);
  });

  it("a task from the deliveries topic is never released that way (its offset is not the event's)", () => {
    for (let i = 0; i < 20; i++) admission.admit({ task: { ...task('wh_known'), deliveryId: `del_${i}` }, partition: 0, local: false, done: () => undefined });
    admission.releaseStalled(Date.now() + 60_000);
    expect(recorded).toEqual([]);
  });

  it('a paused webhook’s task is written held and a disabled one’s failed, without an attempt and without a lane', async () => {
    view.apply({ webhookId: 'wh_known', orgId: 'org_a', status: 'paused', eventTypes: [], version: 1 });
    view.apply({ webhookId: 'wh_off', orgId: 'org_a', status: 'disabled', eventTypes: [], version: 1 });
    const done: string[] = [];
    admission.admit({ task: task('wh_known'), partition: 0, local: false, done: () => done.push('wh_known') });
    admission.admit({ task: task('wh_off'), partition: 0, local: false, done: () => done.push('wh_off') });

    expect(recorded).toMatchObject([
      { deliveryId: 'del_wh_known', status: 'pending', held: true, attemptCount: 0, nextAttemptAt: null },
      { deliveryId: 'del_wh_off', status: 'failed', attemptCount: 0 },
    ]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toEqual(['wh_known', 'wh_off']);
    expect(started).toEqual([]);
    expect(lanes.laneCount).toBe(0);
    expect(admission.inFlight).toBe(0);
  });

  it('the same attempt admitted twice is sent once; the second is done at once, and is admitted again once the first was dropped unsent', () => {
    let secondDone = false;
    admission.admit({ task: task('wh_known'), partition: 0, local: false, done: () => undefined });
    admission.admit({ task: task('wh_known'), partition: 0, local: false, done: () => (secondDone = true) });
    expect(secondDone).toBe(true);
    expect(started).toEqual(['del_wh_known']);
    expect(admission.inFlight).toBe(1);

    admission.admit({ task: task('wh_new'), partition: 0, local: false, done: () => undefined });
    expect(admission.dropPartitions(new Set([0])).map((item) => item.task.deliveryId)).toEqual(['del_wh_new']);
    expect(admission.inFlight).toBe(1);
    admission.admit({ task: task('wh_new'), partition: 0, local: false, done: () => undefined });
    expect(admission.inFlight).toBe(2);
  });
});
