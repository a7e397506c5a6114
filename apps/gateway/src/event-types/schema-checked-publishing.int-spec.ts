import { startServiceProcess, testDatabaseUrl, testKafkaBrokers, uniqueSuffix, uniqueTopicPrefix, waitFor, type ServiceProcess } from '@hookline/testing';
import { OPERATOR_KEY, startGatewayStack, type GatewayStack, type Organization } from '../testing/gateway-stack';

// Schema-checked publishing through real processes (DESIGN §3): the operator declares a schema and
// its mode on a catalog type; POST /v1/events is refused (422, naming the JSON pointer and rule)
// under enforce, accepted and counted under warn, accepted under off; schema changes are versioned
// and a breaking one is refused unless marked breaking.

let stack: GatewayStack;
let ingestion: ServiceProcess;
let gatewayUrl: string;
let org: Organization;
let developerKey: string;
let viewerKey: string;

beforeAll(async () => {
  stack = await startGatewayStack();
  ingestion = await startServiceProcess('ingestion', {
    DATABASE_URL: testDatabaseUrl,
    KAFKA_BROKERS: testKafkaBrokers,
    HOOKLINE_TOPIC_PREFIX: uniqueTopicPrefix('tsc'),
    HOOKLINE_INGESTION_DB_SCHEMA: `t_ingestion_sc_${uniqueSuffix()}`,
    HOOKLINE_REGISTRY_ADDR: stack.registry.grpcAddress,
    HOOKLINE_EVENTS_TOPIC_PARTITIONS: '2',
    HOOKLINE_CATALOG_REFRESH_MS: '200',
  });
  gatewayUrl = (await stack.startGateway({ HOOKLINE_INGESTION_ADDR: ingestion.grpcAddress })).httpUrl;
  org = await stack.createOrganization();
  [developerKey, viewerKey] = await Promise.all([org.keyFor('developer'), org.keyFor('viewer')]);
}, 180_000);

afterAll(async () => {
  await ingestion?.stop(5_000);
  await stack?.stop();
});

const api = (method: string, path: string, options: Parameters<GatewayStack['api']>[2] = {}) => stack.api(method, path, options, gatewayUrl);
const publish = (type: string, data: unknown) => api('POST', '/v1/events', { key: developerKey, body: { type, data } });
const declare = (body: Record<string, unknown>) => api('POST', '/v1/admin/event-types', { key: OPERATOR_KEY, body });

/** `hookline_schema_violations_total` of one type and mode on ingestion's /metrics. */
async function violations(type: string, mode: string): Promise<number> {
  const text = await (await fetch(`${ingestion.opsUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('hookline_schema_violations_total{') && l.includes(`event_type="${type}"`) && l.includes(`mode="${mode}"`));
  return line ? Number(line.split(' ').pop()) : 0;
}

// Paylent documents `user.created` with data `{ "id": "usr_…", "first_name", "last_name" }` (seed 003).
const paylentUser = {
  type: 'object',
  required: ['id', 'first_name', 'last_name'],
  properties: { id: { type: 'string', pattern: '^usr_' }, first_name: { type: 'string', minLength: 1 }, last_name: { type: 'string' } },
};

describe('schema modes on POST /v1/events', () => {
  it('enforce: data that breaks the schema answers 422 schema_violation naming /data/… and the rule; matching data is published', async () => {
    const declared = await declare({ type: 'user.created', group: 'user', name: 'User created', schema: paylentUser, schema_mode: 'enforce' });
    expect(declared.status).toBe(201);
    expect(declared.body).toMatchObject({ type: 'user.created', schema: paylentUser, schema_mode: 'enforce', schema_version: 1 });

    expect((await publish('user.created', { id: 'usr_1', first_name: 'Jane', last_name: 'Doe' })).status).toBe(201);

    const missing = await publish('user.created', { id: 'usr_1', first_name: 'Jane' });
    expect(missing.status).toBe(422);
    expect(missing.body.error).toMatchObject({ type: 'invalid_request', code: 'schema_violation', param: '/data/last_name' });
    expect(missing.body.error.message).toContain('rule: required');

    const badId = await publish('user.created', { id: 'u_1', first_name: 'Jane', last_name: 'Doe' });
    expect(badId.status).toBe(422);
    expect(badId.body.error).toMatchObject({ code: 'schema_violation', param: '/data/id', message: expect.stringContaining('rule: pattern') });
  });

  it('warn: accepted and counted per type; off: accepted and not counted', async () => {
    // The example catalog's transfer.completed has a schema and mode off.
    const bad = { transfer_id: 'tr_1', amount: 0, currency: 'EUR' };
    expect((await publish('transfer.completed', bad)).status).toBe(201);
    expect(await violations('transfer.completed', 'off')).toBe(0);

    const catalog = await api('GET', '/v1/webhooks/event-types?limit=100', { key: viewerKey });
    const entry = catalog.body.data.find((t: { type: string }) => t.type === 'transfer.completed');
    expect(entry).toMatchObject({ schema_mode: 'off', schema_version: 1 });
    const warned = await declare({ type: 'transfer.completed', group: entry.group, name: entry.name, description: entry.description, schema: entry.schema, schema_mode: 'warn' });
    expect(warned.body).toMatchObject({ schema_mode: 'warn', schema_version: 1 });

    // Ingestion learns the new mode at its next catalog refresh.
    const before = await violations('transfer.completed', 'warn');
    await waitFor(async () => {
      const res = await publish('transfer.completed', bad);
      expect(res.status).toBe(201);
      return (await violations('transfer.completed', 'warn')) > before;
    }, { message: 'a warn-mode violation counted' });
  });
});

describe('versioned schemas', () => {
  const v1 = { type: 'object', required: ['invoice_id'], properties: { invoice_id: { type: 'string' }, amount: { type: 'integer', minimum: 0 } } };
  const narrowed = { ...v1, properties: { ...v1.properties, amount: { type: 'integer', minimum: 100 } } };

  it('a breaking change is refused (409 naming the change) unless marked breaking; versions are listed newest first', async () => {
    expect((await declare({ type: 'invoice.paid', schema: v1, schema_mode: 'enforce' })).body).toMatchObject({ schema_version: 1 });

    const refused = await declare({ type: 'invoice.paid', schema: narrowed, schema_mode: 'enforce' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ type: 'conflict', code: 'schema_change_breaking', param: 'schema' });
    expect(refused.body.error.message).toContain('/data/amount: `minimum` raised (100)');
    // Still version 1: 50 is accepted.
    expect((await publish('invoice.paid', { invoice_id: 'in_1', amount: 50 })).status).toBe(201);

    const accepted = await declare({ type: 'invoice.paid', schema: narrowed, schema_mode: 'enforce', breaking: true });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ schema_version: 2 });
    const refusedNow = await waitFor(async () => {
      const res = await publish('invoice.paid', { invoice_id: 'in_1', amount: 50 });
      return res.status === 422 ? res : undefined;
    }, { message: 'version 2 enforced' });
    expect(refusedNow.body.error).toMatchObject({ param: '/data/amount', message: expect.stringContaining('(version 2)') });

    const versions = await api('GET', '/v1/admin/event-types/invoice.paid/schemas', { key: OPERATOR_KEY });
    expect(versions.status).toBe(200);
    expect(versions.body.data).toEqual([
      { object: 'event_type_schema', type: 'invoice.paid', version: 2, schema: narrowed, breaking: true, current: true, created_at: expect.any(String) },
      { object: 'event_type_schema', type: 'invoice.paid', version: 1, schema: v1, breaking: false, current: false, created_at: expect.any(String) },
    ]);
    const firstPage = await api('GET', '/v1/admin/event-types/invoice.paid/schemas?limit=1', { key: OPERATOR_KEY });
    expect(firstPage.body.data.map((v: { version: number }) => v.version)).toEqual([2]);
    const secondPage = await api('GET', `/v1/admin/event-types/invoice.paid/schemas?limit=1&cursor=${encodeURIComponent(firstPage.body.next_cursor)}`, { key: OPERATOR_KEY });
    expect(secondPage.body.data.map((v: { version: number }) => v.version)).toEqual([1]);
  });

  it('bad declarations answer 400 with their code; versions are the operator\'s and of known types only', async () => {
    expect((await declare({ type: 'invoice.voided', schema: v1, schema_mode: 'strict' })).body.error).toMatchObject({ code: 'schema_mode_invalid', param: 'schema_mode' });
    const noSchema = await declare({ type: 'invoice.voided', schema_mode: 'enforce' });
    expect(noSchema.status).toBe(400);
    expect(noSchema.body.error).toMatchObject({ code: 'schema_mode_invalid', param: 'schema_mode' });
    expect((await declare({ type: 'invoice.voided', schema: { type: 'strin' } })).body.error).toMatchObject({ code: 'schema_invalid', param: 'schema' });
    expect((await api('GET', '/v1/admin/event-types/invoice.never/schemas', { key: OPERATOR_KEY })).status).toBe(404);
    expect((await api('GET', '/v1/admin/event-types/invoice.paid/schemas', { key: developerKey })).status).toBe(401);
  });
});
