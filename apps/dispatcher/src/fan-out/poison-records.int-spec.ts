import { partitionForKey, topicNames } from '@hookline/kafka';
import { eventsV1 } from '@hookline/proto';
import { Receiver, waitFor } from '@hookline/testing';
import type { RunningDispatcher } from '../app';
import { encodeRouteChange, type RouteChange } from '../routing/change-feed';
import { startStack, type Stack } from '../testing/harness';

const UNDECODABLE = Buffer.from([0xff, 0xff, 0xff, 0xff]);

/** Every string field of a message with a NUL in it. */
function withNul<T extends object>(message: T): T {
  return Object.fromEntries(Object.entries(message).map(([field, value]) => [field, typeof value === 'string' ? `${value}\0x` : Array.isArray(value) ? value.map((v) => `${v}\0x`) : value])) as T;
}

describe('records that can never succeed, on every dispatcher topic', () => {
  let stack: Stack;
  let receiver: Receiver;
  let dispatcher: RunningDispatcher;
  let topics: ReturnType<typeof topicNames>;

  const deadLetters = async (consumer: string) => {
    const body = await (await fetch(`http://127.0.0.1:${dispatcher.opsPort}/metrics`)).text();
    return Number(new RegExp(`^hookline_consumer_dead_letters_total\\{[^}]*consumer="${consumer}"[^}]*\\} (\\d+)`, 'm').exec(body)?.[1] ?? 0);
  };
  const storedFor = async (consumer: string, topic: string) =>
    (await stack.db.query('select partition, "offset", value from dead_letter where consumer = $1 and topic = $2 order by "offset"', [consumer, topic])).rows;
  /** Sends raw messages to one partition, in order (a producer of the test's own). */
  const sendRaw = async (topic: string, partition: number, messages: { key: string; value: Buffer }[]) => {
    const producer = stack.kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: messages.map((message) => ({ ...message, partition })) });
    await producer.disconnect();
  };

  beforeAll(async () => {
    stack = await startStack();
    topics = topicNames(stack.env.HOOKLINE_TOPIC_PREFIX);
    dispatcher = await stack.startDispatcher();
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await stack?.stop();
    await receiver?.stop();
  });

  it('events topic: an undecodable event and one with NUL in every field are dead-lettered, and the good event behind them is delivered', async () => {
    const hook = await stack.registry.create('org_poison_events', { url: `${receiver.url}/events` });
    await waitFor(() => dispatcher.routing.route(hook.webhookId), { message: 'the webhook to be routed' });
    const partition = partitionForKey('org_poison_events', 4);
    const bad = withNul<eventsV1.Event>({ id: 'evt_nul', orgId: 'org_poison_events', type: 'poison.test', source: 's', time: new Date().toISOString(), isTest: false, dataJson: '{}', targetWebhookId: '', idempotencyKey: '', group: '' });
    await sendRaw(topics.events, partition, [
      { key: 'org_poison_events', value: UNDECODABLE },
      { key: 'org_poison_events', value: Buffer.from(eventsV1.Event.encode(bad).finish()) },
    ]);
    const good = await stack.ingestion.publish('org_poison_events', 'poison.test', { ok: true });

    await waitFor(() => receiver.requests.some((r) => r.path === '/events' && JSON.parse(r.body).id === good.id), { message: 'the good event delivered' });
    const stored = await waitFor(async () => nonEmptyOf(await storedFor('fan-out', topics.events), 2), { message: 'two dead letters' });
    expect(stored.map((row) => row.partition)).toEqual([partition, partition]);
    expect(stored[0].value.equals(UNDECODABLE)).toBe(true);
    expect(await deadLetters('fan-out')).toBe(2);
  });

  it('events topic: an event with a NUL only in its data is dead-lettered; one with a garbled traceparent header is delivered without it', async () => {
    const hook = await stack.registry.create('org_poison_bodies', { url: `${receiver.url}/bodies` });
    await waitFor(() => dispatcher.routing.route(hook.webhookId), { message: 'the webhook to be routed' });
    const partition = partitionForKey('org_poison_bodies', 4);
    const event = (id: string, dataJson: string): eventsV1.Event => ({ id, orgId: 'org_poison_bodies', type: 'poison.test', source: 's', time: new Date().toISOString(), isTest: false, dataJson, targetWebhookId: '', idempotencyKey: '', group: '' });
    const deadBefore = await deadLetters('fan-out');
    const producer = stack.kafka.producer();
    await producer.connect();
    await producer.send({
      topic: topics.events,
      messages: [
        { key: 'org_poison_bodies', partition, value: Buffer.from(eventsV1.Event.encode(event('evt_nul_data', '{"a":"\0"}')).finish()) },
        { key: 'org_poison_bodies', partition, value: Buffer.from(eventsV1.Event.encode(event('evt_bad_trace', '{"ok":true}')).finish()), headers: { traceparent: 'x\0y' } },
      ],
    });
    await producer.disconnect();
    const good = await stack.ingestion.publish('org_poison_bodies', 'poison.test', { ok: true });

    await waitFor(() => receiver.requests.some((r) => r.path === '/bodies' && JSON.parse(r.body).id === good.id), { message: 'the event behind them delivered' });
    const traced = receiver.requests.filter((r) => r.path === '/bodies' && JSON.parse(r.body).id === 'evt_bad_trace');
    expect(traced).toHaveLength(1);
    expect(traced[0].headers.traceparent ?? '').not.toContain('\0');
    expect(receiver.requests.filter((r) => r.path === '/bodies' && JSON.parse(r.body).id === 'evt_nul_data')).toEqual([]);
    expect((await deadLetters('fan-out')) - deadBefore).toBe(1);
  });

  it('deliveries topic: an undecodable task and one with NUL in every field are dead-lettered, and the good task behind them is sent', async () => {
    // FIFO: its tasks always go through the topic (never handed over in process).
    const hook = await stack.registry.create('org_poison_tasks', { url: `${receiver.url}/tasks`, ordering: 'fifo' });
    await waitFor(() => dispatcher.routing.route(hook.webhookId), { message: 'the webhook to be routed' });
    const partition = partitionForKey(hook.webhookId, 8);
    const bad = withNul<eventsV1.DeliveryTask>({ deliveryId: 'del_nul', webhookId: hook.webhookId, orgId: 'org_poison_tasks', eventId: 'evt_nul', eventType: 'poison.test', attempt: 1, isTest: false, envelopeJson: '{}', traceparent: '', manual: false, publishedAtMs: Date.now() });
    await sendRaw(topics.deliveries, partition, [
      { key: hook.webhookId, value: UNDECODABLE },
      { key: hook.webhookId, value: Buffer.from(eventsV1.DeliveryTask.encode(bad).finish()) },
    ]);
    const good = await stack.ingestion.publish('org_poison_tasks', 'poison.test', { ok: true });

    await waitFor(() => receiver.requests.some((r) => r.path === '/tasks' && JSON.parse(r.body).id === good.id), { message: 'the good task sent' });
    const stored = await waitFor(async () => nonEmptyOf(await storedFor('sender', topics.deliveries), 2), { message: 'two dead letters' });
    expect(stored.map((row) => row.partition)).toEqual([partition, partition]);
    expect(await deadLetters('sender')).toBe(2);
  });

  it('change feed: an undecodable change and one with NUL in every field are dead-lettered, and the webhook created behind them receives events', async () => {
    const bad = withNul<RouteChange>({ webhookId: 'wh_nul', orgId: 'org_poison_feed', change: 'created', status: 'active', eventTypes: [], version: 1, changedAt: '', filterJson: '' });
    await sendRaw(topics.webhookChanges, 0, [
      { key: 'wh_undecodable', value: UNDECODABLE },
      { key: 'wh_nul', value: encodeRouteChange(bad) },
    ]);
    const hook = await stack.registry.create('org_poison_feed', { url: `${receiver.url}/feed` });
    await waitFor(() => dispatcher.routing.route(hook.webhookId), { message: 'the webhook behind the bad changes to be routed' });
    const good = await stack.ingestion.publish('org_poison_feed', 'poison.test', { ok: true });

    await waitFor(() => receiver.requests.some((r) => r.path === '/feed' && JSON.parse(r.body).id === good.id), { message: 'the event delivered' });
    expect(dispatcher.routing.route('wh_nul\0x')).toBeUndefined();
    const stored = await waitFor(async () => nonEmptyOf(await storedFor('change-feed', topics.webhookChanges), 2), { message: 'two dead letters' });
    expect(stored.map((row) => row.partition)).toEqual([0, 0]);
    expect(await deadLetters('change-feed')).toBe(2);
  });
});

function nonEmptyOf<T>(rows: T[], count: number): T[] | undefined {
  return rows.length === count ? rows : undefined;
}
