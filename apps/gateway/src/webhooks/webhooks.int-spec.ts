import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { classifyAddress } from '@hookline/egress';
import { apiRoutes } from '../app';
import { OPERATOR_KEY, startGatewayStack, type GatewayStack, type Organization } from '../testing/gateway-stack';
import { webhookRoutes } from './webhook-routes';

// Webhook management through the REST API, against real registry and gateway processes.

let stack: GatewayStack;
let org: Organization;
let developerKey: string;
let viewerKey: string;

beforeAll(async () => {
  stack = await startGatewayStack();
}, 120_000);

// A fresh organization per test: each may hold at most 10 webhooks.
beforeEach(async () => {
  org = await stack.createOrganization();
  [developerKey, viewerKey] = await Promise.all([org.keyFor('developer'), org.keyFor('viewer')]);
});

afterAll(async () => {
  await stack?.stop();
});

let counter = 0;
const valid = (extra: Record<string, unknown> = {}) => ({ name: `Webhook number ${++counter}`, url: 'https://hooks.example.com/hookline', ...extra });

async function createWebhook(key = developerKey, extra: Record<string, unknown> = {}) {
  const res = await stack.api('POST', '/v1/webhooks', { key, body: valid(extra) });
  if (res.status !== 201) throw new Error(`create answered ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('creating and reading webhooks', () => {
  it('creates a webhook with the documented defaults and returns its signing secret', async () => {
    const res = await stack.api('POST', '/v1/webhooks', { key: developerKey, body: { name: 'Orders endpoint', url: 'https://hooks.example.com/orders' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      object: 'webhook',
      name: 'Orders endpoint',
      description: null,
      url: 'https://hooks.example.com/orders',
      status: 'active',
      event_types: null,
      auth_type: 'none',
      rate_limit_rps: 10,
      timeout_seconds: 15,
      payload: 'full',
      signature_scheme: 'hmac-sha256',
      has_signing_secret: true,
    });
    expect(res.body.id).toMatch(/^wh_/);
    expect(res.body.signing_secret).toMatch(/^whsec_/);
    expect(res.body).not.toHaveProperty('last_triggered_at');

    const read = await stack.api('GET', `/v1/webhooks/${res.body.id}`, { key: viewerKey });
    expect(read.status).toBe(200);
    const { signing_secret: _secret, ...withoutSecret } = res.body;
    expect(read.body).toEqual(withoutSecret);
  });

  it('stores every optional field and returns only the non-secret parts of endpoint auth', async () => {
    const res = await stack.api('POST', '/v1/webhooks', {
      key: developerKey,
      body: valid({
        description: 'Settlement notifications',
        event_types: ['transfer.completed', 'hookline.delivery.exhausted'],
        auth: { type: 'oauth2', token_url: 'https://auth.example.com/token', client_id: 'hookline', client_secret: 'cs_very_secret_value', scope: 'hooks', audience: 'api', client_auth_method: 'client_secret_post' },
        rate_limit_rps: 50,
        timeout_seconds: 30,
        payload: 'thin',
        retry_schedule_seconds: [10, 60],
        ordering: 'fifo',
      }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      description: 'Settlement notifications',
      event_types: ['transfer.completed', 'hookline.delivery.exhausted'],
      auth_type: 'oauth2',
      auth: { token_url: 'https://auth.example.com/token', client_id: 'hookline', scope: 'hooks', audience: 'api', client_auth_method: 'client_secret_post' },
      rate_limit_rps: 50,
      timeout_seconds: 30,
      payload: 'thin',
      retry_schedule_seconds: [10, 60],
      ordering: 'fifo',
    });
    expect(JSON.stringify(res.body)).not.toContain('cs_very_secret_value');
  });

  it('returns a public key instead of a secret for asymmetric schemes', async () => {
    const ed = await stack.api('POST', '/v1/webhooks', { key: developerKey, body: valid({ signature_scheme: 'ed25519' }) });
    expect(ed.status).toBe(201);
    expect(ed.body.public_key).toMatch(/^whpk_/);
    expect(ed.body).not.toHaveProperty('signing_secret');
    const ec = await stack.api('POST', '/v1/webhooks', { key: developerKey, body: valid({ signature_scheme: 'ecdsa-p256' }) });
    expect(ec.body.public_key).toContain('BEGIN PUBLIC KEY');
  });

  it('lists webhooks newest first with cursor pagination', async () => {
    const other = await stack.createOrganization();
    const created = [];
    for (let i = 0; i < 3; i++) created.push(await createWebhook(other.adminKey));
    const first = await stack.api('GET', '/v1/webhooks?limit=2', { key: other.adminKey });
    expect(first.body).toMatchObject({ object: 'list', prev_cursor: null });
    expect(first.body.data.map((w: { id: string }) => w.id)).toEqual([created[2].id, created[1].id]);
    const second = await stack.api('GET', `/v1/webhooks?limit=2&cursor=${first.body.next_cursor}`, { key: other.adminKey });
    expect(second.body.data.map((w: { id: string }) => w.id)).toEqual([created[0].id]);
    expect(second.body.next_cursor).toBeNull();
    expect(second.body.prev_cursor).toEqual(expect.any(String));
  });

  it('lists the event type catalog', async () => {
    const res = await stack.api('GET', '/v1/webhooks/event-types', { key: viewerKey });
    expect(res.status).toBe(200);
    const types = res.body.data.map((t: { type: string }) => t.type);
    expect(types).toEqual(expect.arrayContaining(['transfer.completed', 'hookline.delivery.exhausted']));
    expect(res.body.data.find((t: { type: string }) => t.type === 'transfer.completed')).toMatchObject({ object: 'event_type', group: expect.any(String), schema: expect.any(Object) });
  });
});

describe('operator event type management', () => {
  it('adds a type webhooks can subscribe to, and removes it; built-in types stay', async () => {
    const type = `refund.issued_${Date.now()}`;
    const added = await stack.api('POST', '/v1/admin/event-types', {
      key: OPERATOR_KEY,
      body: { type, group: 'refund', name: 'Refund issued', description: 'A refund was paid out.', schema: { type: 'object' } },
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ object: 'event_type', type, group: 'refund', name: 'Refund issued', description: 'A refund was paid out.', schema: { type: 'object' }, schema_mode: 'off', schema_version: 1 });
    expect((await stack.api('POST', '/v1/webhooks', { key: developerKey, body: valid({ event_types: [type] }) })).status).toBe(201);
    expect((await stack.api('POST', '/v1/admin/event-types', { key: developerKey, body: { type } })).status).toBe(401);
    const invalid = await stack.api('POST', '/v1/admin/event-types', { key: OPERATOR_KEY, body: { type: 'Not A Type' } });
    expect(invalid.body.error).toMatchObject({ code: 'event_type_invalid', param: 'type' });

    expect((await stack.api('DELETE', `/v1/admin/event-types/${type}`, { key: OPERATOR_KEY })).status).toBe(204);
    const catalog = await stack.api('GET', '/v1/webhooks/event-types', { key: viewerKey });
    expect(catalog.body.data.map((t: { type: string }) => t.type)).not.toContain(type);
    expect((await stack.api('DELETE', '/v1/admin/event-types/hookline.delivery.exhausted', { key: OPERATOR_KEY })).status).toBeGreaterThanOrEqual(400);
  });
});

describe('validation: every rule answers its code and param', () => {
  const auth = (fields: Record<string, unknown>) => ({ auth: fields });
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['name missing', { name: undefined }, 'missing_field', 'name'],
    ['name too short', { name: 'abcd' }, 'name_invalid', 'name'],
    ['name too long', { name: 'n'.repeat(101) }, 'name_invalid', 'name'],
    ['name short once trimmed', { name: '  abc   ' }, 'name_invalid', 'name'],
    ['name not a string', { name: 12345 }, 'name_invalid', 'name'],
    ['description too short', { description: 'abc' }, 'description_invalid', 'description'],
    ['description too long', { description: 'd'.repeat(101) }, 'description_invalid', 'description'],
    ['url missing', { url: undefined }, 'missing_field', 'url'],
    ['url not a URL', { url: 'hooks.example.com/path' }, 'url_invalid', 'url'],
    ['url http', { url: 'http://hooks.example.com/' }, 'url_scheme', 'url'],
    ['url ftp', { url: 'ftp://hooks.example.com/' }, 'url_scheme', 'url'],
    ['url too long', { url: `https://hooks.example.com/${'p'.repeat(2030)}` }, 'url_too_long', 'url'],
    ['url with userinfo', { url: 'https://user:pass@hooks.example.com/' }, 'url_userinfo', 'url'],
    ['url with fragment', { url: 'https://hooks.example.com/#top' }, 'url_fragment', 'url'],
    ['url to a private address', { url: 'https://10.1.2.3/' }, 'url_not_public', 'url'],
    ['event_types empty', { event_types: [] }, 'event_types_empty', 'event_types'],
    ['event_types unknown', { event_types: ['nothing.happened'] }, 'event_type_unknown', 'event_types[0]'],
    ['event_types second unknown', { event_types: ['transfer.completed', 'nothing.happened'] }, 'event_type_unknown', 'event_types[1]'],
    ['event_types not a list', { event_types: 'transfer.completed' }, 'event_types_empty', 'event_types'],
    ['auth type unknown', auth({ type: 'magic' }), 'auth_type_invalid', 'auth.type'],
    ['auth not an object', { auth: 'api_key' }, 'auth_type_invalid', 'auth'],
    ['api_key header missing', auth({ type: 'api_key', value: 'v' }), 'missing_field', 'auth.header_name'],
    ['api_key header not a token', auth({ type: 'api_key', header_name: 'x key', value: 'v' }), 'auth_header_name_invalid', 'auth.header_name'],
    ['api_key header host', auth({ type: 'api_key', header_name: 'Host', value: 'v' }), 'auth_header_name_reserved', 'auth.header_name'],
    ['api_key header content-type', auth({ type: 'api_key', header_name: 'content-type', value: 'v' }), 'auth_header_name_reserved', 'auth.header_name'],
    ['api_key header content-length', auth({ type: 'api_key', header_name: 'Content-Length', value: 'v' }), 'auth_header_name_reserved', 'auth.header_name'],
    ['api_key header connection', auth({ type: 'api_key', header_name: 'connection', value: 'v' }), 'auth_header_name_reserved', 'auth.header_name'],
    ['api_key header user-agent', auth({ type: 'api_key', header_name: 'User-Agent', value: 'v' }), 'auth_header_name_reserved', 'auth.header_name'],
    ['api_key header webhook-*', auth({ type: 'api_key', header_name: 'webhook-signature', value: 'v' }), 'auth_header_name_reserved', 'auth.header_name'],
    ['api_key value empty', auth({ type: 'api_key', header_name: 'x-api-key', value: '' }), 'auth_value_required', 'auth.value'],
    ['api_key value outside Latin-1', auth({ type: 'api_key', header_name: 'x-api-key', value: '日本語-key' }), 'auth_value_invalid', 'auth.value'],
    ['api_key value with CR LF', auth({ type: 'api_key', header_name: 'x-api-key', value: 'k\r\nx-injected: 1' }), 'auth_value_invalid', 'auth.value'],
    ['basic username empty', auth({ type: 'basic', username: '', password: 'p' }), 'auth_username_required', 'auth.username'],
    ['basic password missing', auth({ type: 'basic', username: 'u' }), 'missing_field', 'auth.password'],
    ['basic password empty', auth({ type: 'basic', username: 'u', password: '' }), 'auth_password_required', 'auth.password'],
    ['oauth2 token_url http', auth({ type: 'oauth2', token_url: 'http://auth.example.com/t', client_id: 'c', client_secret: 's' }), 'url_scheme', 'auth.token_url'],
    ['oauth2 token_url private', auth({ type: 'oauth2', token_url: 'https://192.168.0.10/t', client_id: 'c', client_secret: 's' }), 'url_not_public', 'auth.token_url'],
    ['oauth2 client_id empty', auth({ type: 'oauth2', token_url: 'https://auth.example.com/t', client_id: '', client_secret: 's' }), 'auth_client_id_required', 'auth.client_id'],
    ['oauth2 client_auth_method unknown', auth({ type: 'oauth2', token_url: 'https://auth.example.com/t', client_id: 'c', client_secret: 's', client_auth_method: 'private_key_jwt' }), 'auth_client_auth_method_invalid', 'auth.client_auth_method'],
    ['oauth2 client_secret empty', auth({ type: 'oauth2', token_url: 'https://auth.example.com/t', client_id: 'c', client_secret: '' }), 'auth_client_secret_required', 'auth.client_secret'],
    ['rate_limit_rps 0', { rate_limit_rps: 0 }, 'rate_limit_rps_invalid', 'rate_limit_rps'],
    ['rate_limit_rps 101', { rate_limit_rps: 101 }, 'rate_limit_rps_invalid', 'rate_limit_rps'],
    ['rate_limit_rps fractional', { rate_limit_rps: 1.5 }, 'rate_limit_rps_invalid', 'rate_limit_rps'],
    ['rate_limit_rps a string', { rate_limit_rps: '10' }, 'rate_limit_rps_invalid', 'rate_limit_rps'],
    ['timeout_seconds 0', { timeout_seconds: 0 }, 'timeout_seconds_invalid', 'timeout_seconds'],
    ['timeout_seconds 31', { timeout_seconds: 31 }, 'timeout_seconds_invalid', 'timeout_seconds'],
    ['payload unknown', { payload: 'medium' }, 'payload_invalid', 'payload'],
    ['signature_scheme unknown', { signature_scheme: 'rsa-sha1' }, 'signature_scheme_invalid', 'signature_scheme'],
    ['retry delay 0', { retry_schedule_seconds: [0] }, 'retry_schedule_invalid', 'retry_schedule_seconds[0]'],
    ['retry schedule too long', { retry_schedule_seconds: Array(21).fill(5) }, 'retry_schedule_invalid', 'retry_schedule_seconds'],
    ['ordering unknown', { ordering: 'lifo' }, 'ordering_invalid', 'ordering'],
    ['unknown field', { colour: 'blue' }, 'unknown_field', 'colour'],
  ];

  it.each(cases.map(([what, change, code, param]) => [what, code, param, change] as const))('POST /v1/webhooks: %s → %s (%s)', async (_what, code, param, change) => {
    const res = await stack.api('POST', '/v1/webhooks', { key: developerKey, body: valid(change) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'invalid_request', code, param });
  });

  it.each([
    ['status deleted', 'status_invalid', 'status', { status: 'deleted' }],
    ['name too short', 'name_invalid', 'name', { name: 'abc' }],
    ['event_types empty', 'event_types_empty', 'event_types', { event_types: [] }],
    ['url to loopback', 'url_not_public', 'url', { url: 'https://127.0.0.1/' }],
    ['auth header reserved', 'auth_header_name_reserved', 'auth.header_name', { auth: { type: 'api_key', header_name: 'webhook-id', value: 'v' } }],
    ['unknown field', 'unknown_field', 'id', { id: 'wh_other' }],
  ] as const)('PATCH /v1/webhooks/:id: %s → %s (%s)', async (_what, code, param, change) => {
    const webhook = await createWebhook();
    const res = await stack.api('PATCH', `/v1/webhooks/${webhook.id}`, { key: developerKey, body: change });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code, param });
  });

  it('PATCH changes only the fields sent; null clears the description and the event filter', async () => {
    const webhook = await createWebhook(developerKey, { description: 'Before the change', event_types: ['transfer.completed'] });
    const res = await stack.api('PATCH', `/v1/webhooks/${webhook.id}`, { key: developerKey, body: { description: null, event_types: null, status: 'paused', rate_limit_rps: 20 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: webhook.name, url: webhook.url, description: null, event_types: null, status: 'paused', rate_limit_rps: 20 });
  });
});

describe('limits and conflicts', () => {
  it('refuses the 11th live webhook of an organization; deleting one makes room', async () => {
    const small = await stack.createOrganization();
    const ids = [];
    for (let i = 0; i < 10; i++) ids.push((await createWebhook(small.adminKey)).id);
    const eleventh = await stack.api('POST', '/v1/webhooks', { key: small.adminKey, body: valid() });
    expect(eleventh.status).toBe(400);
    expect(eleventh.body.error.code).toBe('webhook_limit_reached');
    expect((await stack.api('DELETE', `/v1/webhooks/${ids[0]}`, { key: small.adminKey })).status).toBe(204);
    expect((await stack.api('POST', '/v1/webhooks', { key: small.adminKey, body: valid() })).status).toBe(201);
  });

  it('refuses a duplicate name in the organization with 409 name_taken', async () => {
    const webhook = await createWebhook();
    const again = await stack.api('POST', '/v1/webhooks', { key: developerKey, body: valid({ name: webhook.name }) });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ type: 'conflict', code: 'name_taken', param: 'name' });
    const renamed = await createWebhook();
    const patch = await stack.api('PATCH', `/v1/webhooks/${renamed.id}`, { key: developerKey, body: { name: webhook.name } });
    expect(patch.status).toBe(409);
    const other = await stack.createOrganization();
    expect((await stack.api('POST', '/v1/webhooks', { key: other.adminKey, body: valid({ name: webhook.name }) })).status).toBe(201);
  });

  it('deletes softly: 204, then 404 and no longer listed', async () => {
    const webhook = await createWebhook();
    expect((await stack.api('DELETE', `/v1/webhooks/${webhook.id}`, { key: developerKey })).status).toBe(204);
    expect((await stack.api('GET', `/v1/webhooks/${webhook.id}`, { key: developerKey })).status).toBe(404);
    const list = await stack.api('GET', '/v1/webhooks?limit=100', { key: developerKey });
    expect(list.body.data.map((w: { id: string }) => w.id)).not.toContain(webhook.id);
  });
});

describe('secrets', () => {
  it('shows the signing secret only in the create and rotate responses', async () => {
    const created = await stack.api('POST', '/v1/webhooks', {
      key: developerKey,
      body: valid({ auth: { type: 'api_key', header_name: 'x-api-key', value: 'endpoint-credential-123' } }),
    });
    const secret: string = created.body.signing_secret;
    expect(secret).toMatch(/^whsec_/);
    const id = created.body.id;

    const rotated = await stack.api('POST', `/v1/webhooks/${id}/rotate-secret`, { key: developerKey });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ object: 'signing_secret', secret: expect.stringMatching(/^whsec_/) });
    expect(rotated.body.secret).not.toBe(secret);
    expect(Date.parse(rotated.body.previous_valid_until) - Date.now()).toBeGreaterThan(23 * 3600_000);

    const everythingElse = [
      await stack.api('GET', `/v1/webhooks/${id}`, { key: developerKey }),
      await stack.api('GET', '/v1/webhooks?limit=100', { key: developerKey }),
      await stack.api('PATCH', `/v1/webhooks/${id}`, { key: developerKey, body: { description: 'Rotated once' } }),
      await stack.api('GET', `/v1/webhooks/${id}/approvals`, { key: developerKey }),
    ];
    for (const res of everythingElse) {
      const text = JSON.stringify(res.body);
      expect(res.status).toBe(200);
      expect(text).not.toContain(secret);
      expect(text).not.toContain(rotated.body.secret);
      expect(text).not.toContain('whsec_');
      expect(text).not.toContain('endpoint-credential-123');
    }
  });
});

describe('organizations are isolated', () => {
  it("answers 404 on every webhook route for another organization's webhook, and leaves it untouched", async () => {
    const webhook = await createWebhook();
    const stranger = await stack.createOrganization();
    const routes = webhookRoutes.filter((r) => r.path.includes(':id'));
    expect(routes.length).toBeGreaterThanOrEqual(5);
    for (const route of routes) {
      const body = route.method === 'patch' ? { name: 'Hijacked webhook' } : undefined;
      const res = await stack.api(route.method.toUpperCase(), route.path.replace(':id', webhook.id), { key: stranger.adminKey, body });
      expect({ route: `${route.method} ${route.path}`, status: res.status, type: res.body?.error?.type }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 404,
        type: 'not_found',
      });
    }
    const after = await stack.api('GET', `/v1/webhooks/${webhook.id}`, { key: developerKey });
    expect(after.body).toMatchObject({ name: webhook.name, status: 'active', updated_at: webhook.updated_at });
    const strangerList = await stack.api('GET', '/v1/webhooks?limit=100', { key: stranger.adminKey });
    expect(strangerList.body.data).toEqual([]);
  });
});

describe('roles', () => {
  const needing = (role: 'developer' | 'admin') => apiRoutes.filter((r) => r.auth === 'api_key' && (role === 'developer' ? r.role !== 'viewer' : r.role === 'admin'));

  it('a viewer reads but may not change anything: 403 on every route needing more', async () => {
    const webhook = await createWebhook();
    expect((await stack.api('GET', '/v1/webhooks', { key: viewerKey })).status).toBe(200);
    expect((await stack.api('GET', `/v1/webhooks/${webhook.id}`, { key: viewerKey })).status).toBe(200);
    const routes = needing('developer');
    expect(routes.length).toBeGreaterThanOrEqual(10);
    for (const route of routes) {
      const res = await stack.api(route.method.toUpperCase(), route.path.replace(/:\w+/g, webhook.id), { key: viewerKey, body: route.method === 'get' || route.method === 'delete' ? undefined : {} });
      expect({ route: `${route.method} ${route.path}`, status: res.status, code: res.body?.error?.code }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 403,
        code: 'insufficient_role',
      });
    }
    expect((await stack.api('GET', `/v1/webhooks/${webhook.id}`, { key: viewerKey })).body.updated_at).toBe(webhook.updated_at);
  });

  it('a developer manages webhooks but not keys, settings or approvals', async () => {
    for (const route of needing('admin')) {
      const res = await stack.api(route.method.toUpperCase(), route.path.replace(/:\w+/g, 'x_1'), { key: developerKey, body: route.method === 'get' || route.method === 'delete' ? undefined : {} });
      expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({ route: `${route.method} ${route.path}`, status: 403 });
    }
  });
});

describe('SSRF: webhook URLs that reach private infrastructure are refused', () => {
  const hostile = [
    'https://127.0.0.1/',
    'https://127.1/',
    'https://127.0.1/',
    'https://2130706433/',
    'https://0x7f000001/',
    'https://0x7f.0.0.1/',
    'https://0177.0.0.1/',
    'https://017700000001/',
    'https://127.0.0.1./',
    'https://%31%32%37.0.0.1/',
    'https://[::1]/',
    'https://[0:0:0:0:0:0:0:1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:7f00:1]/',
    'https://localhost/',
    'https://LOCALHOST./',
    'https://api.localhost/',
    'https://localhost:8443/hook',
    'https://169.254.169.254/latest/meta-data/',
    'https://[::ffff:a9fe:a9fe]/',
    'https://[fd00:ec2::254]/',
    'https://100.64.0.1/',
    'https://10.0.0.1/',
    'https://172.16.0.1/',
    'https://172.31.255.255/',
    'https://192.168.1.1/',
    'https://0.0.0.0/',
    'https://0/',
    'https://[::]/',
    'https://224.0.0.1/',
    'https://[ff02::1]/',
    'https://255.255.255.255/',
    'https://[fe80::1]/',
    'https://[fc00::1]/',
    'https://[64:ff9b::a00:1]/',
    'https://[2002:a9fe:a9fe::]/',
  ];

  it('covers at least 30 hostile URLs', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(30);
  });

  it.each(hostile)('POST /v1/webhooks with %s → 400 url_not_public', async (url) => {
    const res = await stack.api('POST', '/v1/webhooks', { key: developerKey, body: valid({ url }) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'url_not_public', param: 'url' });
  });

  it("refuses a name resolving to a non-public address (this machine's own host name)", async () => {
    // The host name resolves through /etc/hosts on any machine, to loopback or a private address.
    const addresses = await lookup(hostname(), { all: true });
    expect(addresses.some((a) => !classifyAddress(a.address).public)).toBe(true);
    const res = await stack.api('POST', '/v1/webhooks', { key: developerKey, body: valid({ url: `https://${hostname()}/hook` }) });
    expect(res.body.error).toMatchObject({ code: 'url_not_public', param: 'url' });
  });

  it('guards URL changes too', async () => {
    const webhook = await createWebhook();
    const res = await stack.api('PATCH', `/v1/webhooks/${webhook.id}`, { key: developerKey, body: { url: 'https://169.254.169.254/' } });
    expect(res.body.error).toMatchObject({ code: 'url_not_public', param: 'url' });
  });
});
