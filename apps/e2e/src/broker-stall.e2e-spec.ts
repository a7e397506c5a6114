import { createGrpcClient, type GrpcClient } from '@hookline/grpc';
import { isDomainError } from '@hookline/errors';
import { ingestionV1 } from '@hookline/proto';
import { callApi, Receiver, startOwnKafkaBroker, testPublisherTls, waitFor, type OwnKafkaBroker } from '@hookline/testing';
import { createLiveWebhook } from './support/customer';
import { startDeliveryStack, type DeliveryStack } from './support/delivery-stack';

// The broker process frozen (SIGSTOP) and resumed while careful publishers send every event with
// its own idempotency key — over REST and over gRPC — and retry every answer that is not a success
// with the same key: publishes answered 503 are stored by the broker once it runs again, and their
// retries must not become second events. The broker is this suite's own; PostgreSQL is the shared one.

let broker: OwnKafkaBroker;
let stack: DeliveryStack;
let endpoints: Receiver[];
let ingestion: GrpcClient<typeof ingestionV1.IngestionServiceService>;

beforeAll(async () => {
  broker = await startOwnKafkaBroker();
  stack = await startDeliveryStack({ retryScheduleSeconds: '1,1', kafkaBrokers: broker.brokers });
  endpoints = await Promise.all([Receiver.start(), Receiver.start()]);
  const address = stack.services.find((s) => s.name === 'ingestion')!.grpcAddress;
  ingestion = createGrpcClient(ingestionV1.IngestionServiceService, address, { tls: testPublisherTls('e2e-stall'), peerName: 'ingestion', deadlineMs: 10_000 });
}, 300_000);

afterAll(async () => {
  broker?.resume();
  ingestion?.close();
  await Promise.all((endpoints ?? []).map((e) => e.stop()));
  await stack?.stop();
  await broker?.destroy();
}, 90_000);

interface Key {
  key: string;
  ids: Set<string>;
  refusals: number;
}

type Try = { id: string } | { retryAfterSeconds?: number };

it('every key retried through a broker stall ends as exactly one event, delivered once to each webhook', async () => {
  const org = await stack.createOrganization();
  const apiKey = await org.keyFor('developer');
  for (const endpoint of endpoints) await createLiveWebhook(stack, apiKey, endpoint);

  const viaRest = async (key: string, data: Record<string, unknown>): Promise<Try> => {
    const res = await callApi(stack.gatewayUrl, 'POST', '/v1/events', { key: apiKey, headers: { 'idempotency-key': key }, body: { type: 'transfer.completed', data } }).catch(() => undefined);
    if (res?.status === 201) return { id: res.body.id };
    return { retryAfterSeconds: Number(res?.headers.get('retry-after')) || undefined };
  };
  const viaGrpc = async (key: string, data: Record<string, unknown>): Promise<Try> => {
    try {
      const { event } = await ingestion.publish({ orgId: org.id, type: 'transfer.completed', dataJson: JSON.stringify(data), idempotencyKey: key, isTest: false, targetWebhookId: '' });
      return { id: event!.id };
    } catch (error) {
      const seconds = isDomainError(error) ? error.details?.retry_after_seconds : undefined;
      return { retryAfterSeconds: typeof seconds === 'number' ? seconds : undefined };
    }
  };

  // Four publishers per protocol, each publishing one key after the other, every key until it succeeds.
  const keys: Key[] = [];
  let running = true;
  const publishers = [viaRest, viaRest, viaRest, viaRest, viaGrpc, viaGrpc, viaGrpc, viaGrpc].map(async (publish, p) => {
    for (let n = 0; running; n++) {
      const key: Key = { key: `stall-${p}-${n}`, ids: new Set(), refusals: 0 };
      keys.push(key);
      for (;;) {
        const answer = await publish(key.key, { key: key.key });
        if ('id' in answer) {
          key.ids.add(answer.id);
          break;
        }
        key.refusals++;
        await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, (answer.retryAfterSeconds ?? 0.2) * 1000)));
      }
    }
  });
  const acknowledged = () => keys.filter((k) => k.ids.size > 0).length;
  try {
    await waitFor(() => acknowledged() >= 40, { timeoutMs: 60_000, message: 'keyed publishing to flow' });
    broker.pause();
    try {
      await waitFor(() => keys.filter((k) => k.refusals > 0).length >= 8, { timeoutMs: 60_000, message: 'every publisher to be refused during the stall' });
    } finally {
      broker.resume();
    }
    const atResume = acknowledged();
    await waitFor(() => acknowledged() >= atResume + 40, { timeoutMs: 120_000, message: 'publishing to work again after the stall' });
  } finally {
    running = false;
    await Promise.all(publishers);
  }

  // The stall was felt: keys were refused, and each publisher's key in flight was retried.
  const retried = keys.filter((k) => k.refusals > 0);
  expect(retried.length).toBeGreaterThanOrEqual(8);
  // Every key answered one event id, whatever its first try got.
  expect(keys.filter((k) => k.ids.size !== 1).map((k) => k.key)).toEqual([]);

  // Each webhook receives every key's event, and one event per key, once.
  const keyOf = (body: string) => (JSON.parse(body) as { data: { key?: string } }).data.key;
  for (const endpoint of endpoints) {
    const keyed = () => endpoint.requests.filter((r) => keyOf(r.body) !== undefined);
    await waitFor(() => keys.every((k) => endpoint.requestsForEvent([...k.ids][0]).length > 0), { timeoutMs: 120_000, intervalMs: 250, message: 'every key delivered' });
    const eventsPerKey = new Map<string, Set<string>>();
    for (const request of keyed()) {
      const key = keyOf(request.body)!;
      eventsPerKey.set(key, (eventsPerKey.get(key) ?? new Set()).add((JSON.parse(request.body) as { id: string }).id));
    }
    expect([...eventsPerKey].filter(([, ids]) => ids.size > 1)).toEqual([]);
    expect(keyed().length).toBe(keys.length);
    expect(new Set(keyed().map((r) => r.headers['webhook-id'])).size).toBe(keys.length);
  }
}, 400_000);
