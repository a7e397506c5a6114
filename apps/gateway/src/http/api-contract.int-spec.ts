import { compileErrors, validate } from '@readme/openapi-parser';
import { Pool } from 'pg';
import { testDatabaseUrl, waitFor, type ServiceProcess } from '@hookline/testing';
import { apiRoutes } from '../app';
import { OPERATOR_KEY, startGatewayStack, type GatewayStack, type Organization } from '../testing/gateway-stack';

// The gateway's cross-cutting contract, through real HTTP against real registry and gateway
// processes: request hygiene, authentication, rate limits, Idempotency-Key, OpenAPI.

let stack: GatewayStack;
let org: Organization;
let developerKey: string;

beforeAll(async () => {
  stack = await startGatewayStack();
  org = await stack.createOrganization();
  developerKey = await org.keyFor('developer');
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

const webhook = (name: string) => ({ name, url: 'https://hooks.example.com/hookline' });

describe('request hygiene', () => {
  it('refuses a body that is not JSON with 415 unsupported_media_type', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const res = await stack.api('POST', '/v1/webhooks', { key: developerKey, rawBody: 'name=Orders+hook', contentType });
      expect({ contentType, status: res.status, code: res.body.error.code }).toEqual({ contentType, status: 415, code: 'unsupported_media_type' });
    }
    const missing = await stack.api('POST', '/v1/webhooks', { key: developerKey, rawBody: '{"name":"Orders hook"}' });
    expect(missing.status).toBe(415);
  });

  it('accepts application/json with a charset', async () => {
    const res = await stack.api('POST', '/v1/webhooks', { key: developerKey, rawBody: JSON.stringify(webhook('Charset hook')), contentType: 'application/json; charset=utf-8' });
    expect(res.status).toBe(201);
  });

  it('refuses a body over 1 MiB with 413, and accepts one just under it up to validation', async () => {
    const over = JSON.stringify({ name: 'x'.repeat(1024 * 1024), url: 'https://hooks.example.com/' });
    const res = await stack.api('POST', '/v1/webhooks', { key: developerKey, rawBody: over, contentType: 'application/json' });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ type: 'invalid_request', code: 'payload_too_large' });

    const under = JSON.stringify({ name: 'x'.repeat(1024 * 1024 - 100) });
    const validated = await stack.api('POST', '/v1/webhooks', { key: developerKey, rawBody: under, contentType: 'application/json' });
    expect(validated.status).toBe(400);
    expect(validated.body.error).toMatchObject({ param: 'name' });
  });

  it('refuses JSON nested deeper than 32 levels; 32 levels pass to validation', async () => {
    const nest = (levels: number) => '{"name":"Deep hook","url":"https://hooks.example.com/","x":' + '['.repeat(levels - 1) + ']'.repeat(levels - 1) + '}';
    const tooDeep = await stack.api('POST', '/v1/webhooks', { key: developerKey, rawBody: nest(33), contentType: 'application/json' });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.error.code).toBe('json_too_deep');
    const deepest = await stack.api('POST', '/v1/webhooks', { key: developerKey, rawBody: nest(32), contentType: 'application/json' });
    expect(deepest.status).toBe(400);
    expect(deepest.body.error).toMatchObject({ code: 'unknown_field', param: 'x' });
  });

  it.each([
    ['{"name":"Proto hook","url":"https://hooks.example.com/","__proto__":{"admin":true}}', '__proto__'],
    ['{"name":"Proto hook","url":"https://hooks.example.com/","auth":{"type":"none","constructor":{"prototype":{}}}}', 'auth.constructor'],
  ])('refuses prototype keys, naming them: %s', async (raw, param) => {
    const res = await stack.api('POST', '/v1/webhooks', { key: developerKey, rawBody: raw, contentType: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'forbidden_key', param });
  });

  it('refuses unknown fields by name, in the body, nested objects and the query', async () => {
    const top = await stack.api('POST', '/v1/webhooks', { key: developerKey, body: { ...webhook('Unknown field'), colour: 'blue' } });
    expect(top.body.error).toMatchObject({ type: 'invalid_request', code: 'unknown_field', param: 'colour' });
    const nested = await stack.api('POST', '/v1/webhooks', { key: developerKey, body: { ...webhook('Unknown field'), auth: { type: 'api_key', header_name: 'x-key', value: 'v', extra: 1 } } });
    expect(nested.body.error).toMatchObject({ code: 'unknown_field', param: 'auth.extra' });
    const query = await stack.api('GET', '/v1/webhooks?colour=blue', { key: developerKey });
    expect(query.status).toBe(400);
    expect(query.body.error).toMatchObject({ code: 'unknown_field', param: 'colour' });
  });

  it.each([
    ['a NUL in a body field', 'POST', '/v1/webhooks', '{"name":"Nul hook\\u0000","url":"https://hooks.example.com/"}', 'name'],
    ['a lone surrogate in a nested body field', 'POST', '/v1/webhooks', '{"name":"Surrogate hook","url":"https://hooks.example.com/","event_types":["transfer.completed","a\\ud800"]}', 'event_types[1]'],
    ['a NUL in a path parameter', 'GET', '/v1/webhooks/wh_%00', undefined, 'id'],
    ['a NUL in a path parameter of a write', 'POST', '/v1/webhooks/wh_1%00/rotate-secret', undefined, 'id'],
    ['a NUL in a query filter', 'GET', '/v1/webhooks/events?event_type=transfer%00', undefined, 'event_type'],
  ])('refuses %s with 400 invalid_request naming the parameter', async (_what, method, path, rawBody, param) => {
    const res = await stack.api(method, path, { key: developerKey, ...(rawBody ? { rawBody, contentType: 'application/json' } : {}) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'invalid_request', code: 'invalid_characters', param });
  });

  it('refuses malformed JSON', async () => {
    const res = await stack.api('POST', '/v1/webhooks', { key: developerKey, rawBody: '{"name": "Broken",', contentType: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('validates list parameters', async () => {
    for (const [query, code] of [['limit=0', 'limit_invalid'], ['limit=101', 'limit_invalid'], ['limit=abc', 'limit_invalid'], ['cursor=not%20a%20cursor', 'cursor_invalid']]) {
      const res = await stack.api('GET', `/v1/webhooks?${query}`, { key: developerKey });
      expect({ query, status: res.status, code: res.body.error.code }).toEqual({ query, status: 400, code });
    }
  });

  it('puts a request id on every response and repeats it in error bodies', async () => {
    const ok = await stack.api('GET', '/v1/webhooks', { key: developerKey });
    const failed = await stack.api('GET', '/v1/webhooks/wh_missing', { key: developerKey });
    const unknown = await stack.api('GET', '/v1/nothing-here');
    for (const res of [ok, failed, unknown]) expect(res.headers.get('request-id')).toMatch(/^req_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(failed.status).toBe(404);
    expect(failed.body.error.request_id).toBe(failed.headers.get('request-id'));
    expect(unknown.body.error).toMatchObject({ type: 'not_found', code: 'route_not_found' });
  });
});

describe('authentication', () => {
  it.each([
    ['no Authorization header', {}, 'api_key_missing'],
    ['a non-Bearer scheme', { authorization: 'Basic dXNlcjpwYXNz' }, 'authorization_malformed'],
    ['an unknown key', { authorization: 'Bearer hk_notarealkey000000000000000000' }, undefined],
  ])('answers 401 for %s', async (_what, headers, code) => {
    const res = await stack.api('GET', '/v1/webhooks', { headers });
    expect(res.status).toBe(401);
    expect(res.body.error.type).toBe('authentication');
    if (code) expect(res.body.error.code).toBe(code);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('keeps operator endpoints to the operator key', async () => {
    expect((await stack.api('GET', '/v1/admin/organizations', { key: org.adminKey })).status).toBe(401);
    expect((await stack.api('GET', '/v1/admin/organizations', { key: 'op_wrong' })).status).toBe(401);
    const listed = await stack.api('GET', '/v1/admin/organizations?limit=100', { key: OPERATOR_KEY });
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((o: { id: string }) => o.id)).toContain(org.id);
  });

  it('stops accepting a revoked key and never accepts it again', async () => {
    const created = await stack.api('POST', '/v1/api-keys', { key: org.adminKey, body: { role: 'viewer', owner: 'soon-revoked' } });
    expect(created.status).toBe(201);
    expect((await stack.api('GET', '/v1/webhooks', { key: created.body.key })).status).toBe(200);
    const revoked = await stack.api('DELETE', `/v1/api-keys/${created.body.id}`, { key: org.adminKey });
    expect(revoked.status).toBe(200);
    // Refused once the revocation reached the gateway, and from then on on every request.
    await waitFor(async () => (await stack.api('GET', '/v1/webhooks', { key: created.body.key })).status === 401, {
      timeoutMs: 10_000,
      intervalMs: 20,
      message: 'the revoked key to be refused',
    });
    const after = await Promise.all(Array.from({ length: 5 }, () => stack.api('GET', '/v1/webhooks', { key: created.body.key })));
    expect(after.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
  });
});

describe('failed authentications', () => {
  it('answer an unknown and a revoked key with the same 401 body', async () => {
    const created = await stack.api('POST', '/v1/api-keys', { key: org.adminKey, body: { role: 'viewer', owner: 'revoked-vs-unknown' } });
    expect((await stack.api('DELETE', `/v1/api-keys/${created.body.id}`, { key: org.adminKey })).status).toBe(200);
    // The gateway may reuse a successful lookup for up to a second after the revocation.
    const revoked = await waitFor(async () => {
      const res = await stack.api('GET', '/v1/webhooks', { key: created.body.key });
      return res.status === 401 ? res : undefined;
    }, { timeoutMs: 3_000, intervalMs: 50, message: 'the revoked key to be refused' });
    const unknown = await stack.api('GET', '/v1/webhooks', { key: 'hk_notarealkey000000000000000000' });
    const withoutRequestId = (body: { error: Record<string, unknown> }) => ({ ...body.error, request_id: undefined });
    expect(unknown.status).toBe(401);
    expect(withoutRequestId(revoked.body)).toEqual(withoutRequestId(unknown.body));
  });

  it('are limited per client address: after a burst of wrong keys the address gets 429 + Retry-After, but not the valid keys in use there', async () => {
    // One failure earned back per 100 s, so the machine's speed cannot refill the bucket mid-test.
    // The test speaks as a trusted proxy (loopback) naming the clients in X-Forwarded-For.
    const guarded = await stack.startGateway({ HOOKLINE_AUTH_FAILURE_BURST: '20', HOOKLINE_AUTH_FAILURE_RPS: '0.01', HOOKLINE_TRUSTED_PROXIES: '127.0.0.1,::1' });
    try {
      const call = (key: string, address: string) => stack.api('GET', '/v1/webhooks', { key, headers: { 'x-forwarded-for': address } }, guarded.httpUrl);
      // A colleague behind the same address uses a valid key before the flood.
      expect((await call(developerKey, '198.51.100.23')).status).toBe(200);
      const answers = [];
      for (let i = 0; i < 25; i++) answers.push(await call(`hk_g${String(i).padStart(5, '0')}xxxxxxxxxxxxxxxxxxxxxxxxxx`, '198.51.100.23'));
      const statuses = answers.map((a) => a.status);
      expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
      expect(statuses.slice(20)).toEqual(Array(5).fill(429));
      expect(Number(answers[24].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(answers[24].body.error).toMatchObject({ type: 'rate_limited', code: 'too_many_failed_authentications' });
      // The flood does not lock out the valid key in use at that address.
      expect((await call(developerKey, '198.51.100.23')).status).toBe(200);
      // Other addresses are not affected.
      expect((await call('hk_guess-other', '198.51.100.24')).status).toBe(401);
      expect((await call(developerKey, '198.51.100.25')).status).toBe(200);
    } finally {
      await guarded.stop(5_000);
    }
  });

  it('take X-Forwarded-For from no one by default: a local process cannot dodge the limit by naming another address', async () => {
    const guarded = await stack.startGateway({ HOOKLINE_AUTH_FAILURE_BURST: '5', HOOKLINE_AUTH_FAILURE_RPS: '0.01' });
    try {
      const statuses = [];
      for (let i = 0; i < 8; i++) {
        const answer = await stack.api('GET', '/v1/webhooks', { key: `hk_r${String(i).padStart(5, '0')}yyyyyyyyyyyyyyyyyyyyyyyyyy`, headers: { 'x-forwarded-for': `203.0.113.${i}` } }, guarded.httpUrl);
        statuses.push(answer.status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    } finally {
      await guarded.stop(5_000);
    }
  });
});

describe('rate limit per API key', () => {
  let limited: ServiceProcess;
  beforeAll(async () => {
    limited = await stack.startGateway({ HOOKLINE_API_RATE_LIMIT_RPS: '3' });
  }, 120_000);
  afterAll(async () => {
    await limited?.stop(5_000);
  });

  it('answers 429 with Retry-After once a key exceeds its rate, without slowing another key', async () => {
    const viewerKey = await org.keyFor('viewer');
    const answers = await Promise.all(Array.from({ length: 8 }, () => stack.api('GET', '/v1/webhooks', { key: viewerKey }, limited.httpUrl)));
    const refused = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(4);
    expect(refused.length).toBeGreaterThanOrEqual(4);
    expect(Number(refused[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused[0].body.error).toMatchObject({ type: 'rate_limited', code: 'rate_limited' });
    expect((await stack.api('GET', '/v1/webhooks', { key: developerKey }, limited.httpUrl)).status).toBe(200);
  });
});

describe('Idempotency-Key', () => {
  it('answers a retry with the stored response and creates one webhook', async () => {
    const headers = { 'idempotency-key': `create-orders-${Date.now()}` };
    const first = await stack.api('POST', '/v1/webhooks', { key: developerKey, headers, body: webhook('Idempotent hook') });
    const retry = await stack.api('POST', '/v1/webhooks', { key: developerKey, headers, body: { url: 'https://hooks.example.com/hookline', name: 'Idempotent hook' } });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const list = await stack.api('GET', '/v1/webhooks?limit=100', { key: developerKey });
    expect(list.body.data.filter((w: { name: string }) => w.name === 'Idempotent hook')).toHaveLength(1);
  });

  it('refuses the same key with a different body with 409 idempotency_key_reused', async () => {
    const headers = { 'idempotency-key': `reuse-${Date.now()}` };
    expect((await stack.api('POST', '/v1/webhooks', { key: developerKey, headers, body: webhook('Reused key one') })).status).toBe(201);
    const other = await stack.api('POST', '/v1/webhooks', { key: developerKey, headers, body: webhook('Reused key two') });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ type: 'conflict', code: 'idempotency_key_reused' });
  });

  it('replays a client error the handler answered, and scopes keys per organization', async () => {
    const headers = { 'idempotency-key': 'shared-key-name' };
    const bad = { name: 'Loopback hook', url: 'https://127.0.0.1/' };
    const first = await stack.api('POST', '/v1/webhooks', { key: developerKey, headers, body: bad });
    const again = await stack.api('POST', '/v1/webhooks', { key: developerKey, headers, body: bad });
    expect(first.status).toBe(400);
    expect(again.status).toBe(400);
    expect(again.body).toEqual(first.body); // the same request_id: the stored answer, not a new one
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const other = await stack.createOrganization();
    const otherOrg = await stack.api('POST', '/v1/webhooks', { key: other.adminKey, headers, body: webhook('Other org same key') });
    expect(otherOrg.status).toBe(201);
  });

  it('answers 409 idempotency_key_in_flight while the first request is still running', async () => {
    const pool = new Pool({ connectionString: testDatabaseUrl, options: `-c search_path=${stack.gatewaySchema}` });
    try {
      const body = webhook('In flight hook');
      const headers = { 'idempotency-key': `in-flight-${Date.now()}` };
      expect((await stack.api('POST', '/v1/webhooks', { key: developerKey, headers, body })).status).toBe(201);
      // A claim with no response yet is what a request still being processed leaves behind.
      await pool.query('update idempotency_keys set response_status = null, response_body = null, locked_at = now() where idempotency_key = $1', [headers['idempotency-key']]);
      const res = await stack.api('POST', '/v1/webhooks', { key: developerKey, headers, body });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('idempotency_key_in_flight');
    } finally {
      await pool.end();
    }
  });

  it('lets exactly one of several concurrent duplicates run', async () => {
    const headers = { 'idempotency-key': `burst-${Date.now()}` };
    const answers = await Promise.all(Array.from({ length: 5 }, () => stack.api('POST', '/v1/webhooks', { key: developerKey, headers, body: webhook('Burst hook') })));
    const fresh = answers.filter((a) => a.status === 201 && !a.headers.get('idempotent-replayed'));
    expect(fresh).toHaveLength(1);
    for (const a of answers) {
      if (a.status === 201) expect(a.body.id).toBe(fresh[0].body.id);
      else expect(a.body.error.code).toBe('idempotency_key_in_flight');
    }
  });

  it('refuses a key that is not 1–255 printable ASCII', async () => {
    const res = await stack.api('POST', '/v1/webhooks', { key: developerKey, headers: { 'idempotency-key': 'k'.repeat(256) }, body: webhook('Long key hook') });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'idempotency_key_invalid', param: 'Idempotency-Key' });
  });
});

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document listing every declared route', async () => {
    const res = await fetch(`${stack.gateway.httpUrl}/openapi.json`);
    const document: any = await res.json();
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document));
    if (!result.valid) throw new Error(compileErrors(result));
    for (const route of apiRoutes) {
      const operation = document.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method];
      expect({ route: `${route.method} ${route.path}`, operationId: operation?.operationId }).toEqual({ route: `${route.method} ${route.path}`, operationId: route.action });
    }
    const create = document.paths['/v1/webhooks'].post.requestBody.content['application/json'].schema;
    expect(create.additionalProperties).toBe(false);
    expect(create.properties.name).toMatchObject({ minLength: 5, maxLength: 100 });
  });

  it('serves a self-contained reference page at /docs', async () => {
    const res = await fetch(`${stack.gateway.httpUrl}/docs`);
    const html = await res.text();
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(html).toContain('docs/assets/swagger-ui-bundle.js');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });
});
