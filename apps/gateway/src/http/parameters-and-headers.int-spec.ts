import { startGatewayStack, OPERATOR_KEY, type GatewayStack, type Organization } from '../testing/gateway-stack';

// Findings 4 and 5 of the trust review, replayed against real registry and gateway processes:
// out-of-range parameters and forged cursors are a 400 (never a 500) on every list, and every
// answer that can carry a secret is marked no-store / nosniff.

let stack: GatewayStack;
let org: Organization;

beforeAll(async () => {
  stack = await startGatewayStack();
  org = await stack.createOrganization();
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Cursors a client could forge: the inner format with no seal, out-of-range times, other date formats. */
const FORGED = [
  b64(['n', '1', 'x']),
  b64(['n', '+275760-09-13T00:00:00.000Z', 'wh_1']),
  b64(['p', '-271821-04-20T00:00:00.000Z', 'wh_1']),
  b64(['n', 'Tue, 01 Jan 2030 00:00:00 GMT', 'wh_1']),
  `${b64(['n', '1', 'x'])}.AAAAAAAAAAAAAAAAAAAAAA`,
  'bm9.0ZGF0YQ',
];

/** Every list the gateway pages, whichever service holds it. */
const LISTS = ['/v1/webhooks', '/v1/api-keys', '/v1/approvals', '/v1/events', '/v1/webhooks/events', '/v1/audit-logs', '/v1/webhooks/event-types', '/v1/webhooks/wh_x/approvals'];

describe('parameters (finding 4)', () => {
  it('refuses stats intervals past their range and timestamps outside years 1970–9999 with a 400 naming the parameter', async () => {
    for (const [query, param] of [
      ['interval=24856d', 'interval'],
      ['interval=367d', 'interval'],
      ['to=-271821-04-20T00:00:00Z', 'to'],
      ['from=%2B275760-09-13T00:00:00Z', 'from'],
      ['to=Tue,%2001%20Jan%202030%2000:00:00%20GMT', 'to'],
    ]) {
      for (const path of ['/v1/stats', '/v1/webhooks/wh_x/stats']) {
        const res = await stack.api('GET', `${path}?${query}`, { key: org.adminKey });
        expect({ query, status: res.status, param: res.body.error?.param }).toEqual({ query, status: 400, param });
      }
    }
  });

  it('answers every forged or altered cursor with 400 cursor_invalid on every list, the operator’s included', async () => {
    const lists: [string, string][] = [...LISTS.map((path) => [path, org.adminKey] as [string, string]), ['/v1/admin/organizations', OPERATOR_KEY]];
    for (const [path, key] of lists) {
      for (const cursor of FORGED) {
        const res = await stack.api('GET', `${path}?cursor=${encodeURIComponent(cursor)}`, { key });
        expect({ path, cursor, status: res.status, code: res.body.error?.code }).toEqual({ path, cursor, status: 400, code: 'cursor_invalid' });
      }
      const nul = await stack.api('GET', `${path}?cursor=${b64(['n', '1', 'x']).slice(0, 4)}%00${b64(['n', '1', 'x']).slice(4)}`, { key });
      expect({ path, status: nul.status }).toEqual({ path, status: 400 });
    }
    for (const limit of ['0', '101', '-1', '1.5', '1e9', 'x']) {
      const res = await stack.api('GET', `/v1/webhooks?limit=${limit}`, { key: org.adminKey });
      expect({ limit, status: res.status, code: res.body.error?.code }).toEqual({ limit, status: 400, code: 'limit_invalid' });
    }
  });

  it('pages with the sealed cursors it hands out, and refuses them on another list or for another organization', async () => {
    for (const owner of ['a', 'b', 'c']) expect((await stack.api('POST', '/v1/api-keys', { key: org.adminKey, body: { role: 'viewer', owner } })).status).toBe(201);
    const first = await stack.api('GET', '/v1/api-keys?limit=2', { key: org.adminKey });
    expect(first.status).toBe(200);
    const next = first.body.next_cursor as string;
    expect(next).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    const second = await stack.api('GET', `/v1/api-keys?limit=2&cursor=${next}`, { key: org.adminKey });
    expect(second.status).toBe(200);
    expect(second.body.data.length).toBeGreaterThan(0);
    expect(second.body.data.map((k: { id: string }) => k.id)).not.toContain(first.body.data[0].id);
    const back = await stack.api('GET', `/v1/api-keys?limit=2&cursor=${second.body.prev_cursor}`, { key: org.adminKey });
    expect(back.body.data.map((k: { id: string }) => k.id)).toEqual(first.body.data.map((k: { id: string }) => k.id));

    expect((await stack.api('GET', `/v1/webhooks?cursor=${next}`, { key: org.adminKey })).body.error?.code).toBe('cursor_invalid');
    const other = await stack.createOrganization();
    expect((await stack.api('GET', `/v1/api-keys?cursor=${next}`, { key: other.adminKey })).body.error?.code).toBe('cursor_invalid');
  });
});

describe('response headers (finding 5)', () => {
  const noStore = (res: { headers: Headers }) => ({ cache: res.headers.get('cache-control'), sniff: res.headers.get('x-content-type-options') });
  const EXPECTED = { cache: 'no-store', sniff: 'nosniff' };

  it('marks every answer that carries a secret no-store and nosniff', async () => {
    const created = await stack.api('POST', '/v1/admin/organizations', { key: OPERATOR_KEY, body: { name: 'Headers org' } });
    expect(created.status).toBe(201);
    const adminKey = created.body.api_key.key as string;
    const webhook = await stack.api('POST', '/v1/webhooks', { key: adminKey, body: { name: 'Headers hook', url: 'https://hooks.example.com/h' } });
    const answers = {
      'admin org create': created,
      'webhook create': webhook,
      'rotate secret': await stack.api('POST', `/v1/webhooks/${webhook.body.id}/rotate-secret`, { key: adminKey }),
      'api key create': await stack.api('POST', '/v1/api-keys', { key: adminKey, body: { role: 'viewer', owner: 'h' } }),
      'admin key create': await stack.api('POST', `/v1/admin/organizations/${created.body.organization.id}/api-keys`, { key: OPERATOR_KEY, body: { role: 'viewer', owner: 'h' } }),
      'portal session': await stack.api('POST', '/v1/portal-sessions', { key: adminKey, body: {} }),
      'admin portal session': await stack.api('POST', `/v1/admin/organizations/${created.body.organization.id}/portal-sessions`, { key: OPERATOR_KEY, body: {} }),
    };
    for (const [name, res] of Object.entries(answers)) {
      expect({ name, status: res.status < 300 }).toEqual({ name, status: true });
      expect({ name, ...noStore(res) }).toEqual({ name, ...EXPECTED });
    }
  });

  it('sends nosniff and no-store on errors, reads and the contract too', async () => {
    for (const res of [
      await stack.api('GET', '/v1/webhooks', { key: org.adminKey }),
      await stack.api('GET', '/v1/webhooks'),
      await stack.api('GET', '/v1/nothing-here', { key: org.adminKey }),
      await stack.api('GET', '/openapi.json'),
      await stack.api('GET', '/healthz'),
    ]) {
      expect(noStore(res)).toEqual(EXPECTED);
    }
  });
});
