import { startServiceProcess, testDatabaseUrl, testKafkaBrokers, waitFor, type ServiceProcess } from '@hookline/testing';
import { startGatewayStack, type GatewayStack, type Organization } from '../testing/gateway-stack';

// The Events API through real processes: registry (catalog, orgs, API keys) → gateway → ingestion → Kafka → archive.

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

let stack: GatewayStack;
let ingestion: ServiceProcess;
let gatewayUrl: string;
let org: Organization;
let other: Organization;
let developerKey: string;
let viewerKey: string;

beforeAll(async () => {
  stack = await startGatewayStack();
  ingestion = await startServiceProcess('ingestion', {
    DATABASE_URL: testDatabaseUrl,
    KAFKA_BROKERS: testKafkaBrokers,
    HOOKLINE_TOPIC_PREFIX: `tev${Date.now().toString(36)}.`,
    HOOKLINE_INGESTION_DB_SCHEMA: `t_ingestion_gw_${Date.now().toString(36)}`,
    HOOKLINE_REGISTRY_ADDR: stack.registry.grpcAddress,
    HOOKLINE_EVENTS_TOPIC_PARTITIONS: '2',
  });
  gatewayUrl = (await stack.startGateway({ HOOKLINE_INGESTION_ADDR: ingestion.grpcAddress })).httpUrl;
  [org, other] = await Promise.all([stack.createOrganization(), stack.createOrganization()]);
  [developerKey, viewerKey] = await Promise.all([org.keyFor('developer'), org.keyFor('viewer')]);
}, 180_000);

afterAll(async () => {
  await ingestion?.stop(5_000);
  await stack?.stop();
});

const api = (method: string, path: string, options: Parameters<GatewayStack['api']>[2] = {}) => stack.api(method, path, options, gatewayUrl);
const publish = (body: unknown, headers: Record<string, string> = {}, key = developerKey) => api('POST', '/v1/events', { key, body, headers });

describe('POST /v1/events and GET /v1/events/:id', () => {
  it('publishes an event (201, full object) that GET then returns once archived; another org gets 404', async () => {
    const res = await publish({ type: 'transfer.completed', data: { transfer_id: 'tr_1', amount: 500, currency: 'EUR' } }, { traceparent: TRACEPARENT });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^evt_/),
      object: 'event',
      type: 'transfer.completed',
      source: 'hookline',
      time: expect.any(String),
      is_test: false,
      data: { transfer_id: 'tr_1', amount: 500, currency: 'EUR' },
    });

    const fetched = await waitFor(
      async () => {
        const got = await api('GET', `/v1/events/${res.body.id}`, { key: viewerKey });
        return got.status === 200 ? got : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 20, message: 'GET /v1/events/:id to answer 200' },
    );
    expect(fetched.body).toEqual(res.body);

    const foreign = await api('GET', `/v1/events/${res.body.id}`, { key: other.adminKey });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.type).toBe('not_found');
  });

  it('refuses an unknown type and non-object data with 400 and a code naming the problem', async () => {
    const unknown = await publish({ type: 'no.such.event', data: {} });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_event_type', param: 'type', message: expect.stringContaining('no.such.event') });

    const notObject = await publish({ type: 'transfer.completed', data: [1, 2] });
    expect(notObject.status).toBe(400);
    expect(notObject.body.error).toMatchObject({ code: 'invalid_data', param: 'data' });
  });

  it('refuses data over 256 KiB with 413', async () => {
    const res = await publish({ type: 'transfer.completed', data: { blob: 'x'.repeat(270_000) } });
    expect(res.status).toBe(413);
  });

  it('lets viewers read but not publish', async () => {
    const res = await publish({ type: 'transfer.completed', data: {} }, {}, viewerKey);
    expect(res.status).toBe(403);
  });

  it('the same Idempotency-Key gives the same event', async () => {
    const body = { type: 'transfer.completed', data: { transfer_id: 'tr_idem' } };
    const first = await publish(body, { 'idempotency-key': 'idem-events-1' });
    const second = await publish(body, { 'idempotency-key': 'idem-events-1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
  });
});

describe('GET /v1/events', () => {
  it('lists newest first with cursor pages and filters', async () => {
    const published: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await publish({ type: 'transfer.completed', data: { i }, is_test: i === 4 });
      published.push(res.body.id);
    }
    await waitFor(async () => (await api('GET', `/v1/events/${published[4]}`, { key: viewerKey })).status === 200, { message: 'the last event archived' });
    await waitFor(async () => (await api('GET', `/v1/events?limit=100`, { key: viewerKey })).body.data.length >= 7, { message: 'all events archived' });

    const first = await api('GET', '/v1/events?limit=2&type=transfer.completed', { key: viewerKey });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ object: 'list', prev_cursor: null });
    expect(first.body.data.map((e: { id: string }) => e.id)).toEqual([published[4], published[3]]);
    const second = await api('GET', `/v1/events?limit=2&cursor=${first.body.next_cursor}`, { key: viewerKey });
    expect(second.body.data.map((e: { id: string }) => e.id)).toEqual([published[2], published[1]]);

    const tests = await api('GET', '/v1/events?is_test=true', { key: viewerKey });
    expect(tests.body.data.map((e: { id: string }) => e.id)).toEqual([published[4]]);
    const none = await api('GET', '/v1/events?type=invoice.paid&type=no.such.type', { key: viewerKey });
    expect(none.body.data).toEqual([]);
    const badTime = await api('GET', '/v1/events?created_after=yesterday', { key: viewerKey });
    expect(badTime.status).toBe(400);
    expect(badTime.body.error.param).toBe('created_after');

    const foreign = await api('GET', '/v1/events', { key: other.adminKey });
    expect(foreign.body.data).toEqual([]);
  });
});
