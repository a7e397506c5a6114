import { Pool } from 'pg';
import { eventsV1 } from '@hookline/proto';
import { testDatabaseUrl, waitFor } from '@hookline/testing';
import { OPERATOR_KEY, startGatewayStack, type GatewayStack, type Organization } from '../testing/gateway-stack';

// Customer-portal sessions through the REST API, against real registry and gateway processes.

let stack: GatewayStack;
let org: Organization;
let registryDb: Pool;

beforeAll(async () => {
  stack = await startGatewayStack();
  registryDb = new Pool({ connectionString: testDatabaseUrl, max: 2, options: `-c search_path=${stack.registrySchema}` });
}, 120_000);

beforeEach(async () => {
  org = await stack.createOrganization();
});

afterAll(async () => {
  await registryDb?.end();
  await stack?.stop();
});

const tokenOf = (url: string) => new URL(url).hash.replace(/^#token=/, '');

describe('portal sessions', () => {
  it('an admin issues a short-lived session whose URL carries the token in the fragment; it signs in as that org with the chosen role and features', async () => {
    const before = Date.now();
    const created = await stack.api('POST', '/v1/portal-sessions', {
      key: org.adminKey,
      body: { role: 'developer', features: ['webhooks', 'deliveries'], branding: { product_name: 'Acme Webhooks', accent_color: '#aa3300' } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ object: 'portal_session', organization_id: org.id, role: 'developer', features: ['webhooks', 'deliveries'], revoked_at: null });
    expect(created.body.id).toMatch(/^ps_/);
    expect(created.body.token).toMatch(/^hkps_/);
    expect(created.body.url).toBe(`${stack.gateway.httpUrl}/portal#token=${created.body.token}`);
    const ttl = Date.parse(created.body.expires_at) - before;
    expect(ttl).toBeGreaterThan(3_500_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000 + 5_000);

    const token = tokenOf(created.body.url);
    const session = await stack.api('GET', '/v1/session', { key: token });
    expect(session.body).toMatchObject({ organization_id: org.id, role: 'developer', key_id: created.body.id, portal: { features: ['webhooks', 'deliveries'], product_name: 'Acme Webhooks', accent_color: '#aa3300' } });
    expect((await stack.api('GET', '/v1/webhooks', { key: token })).status).toBe(200);
    // Features left out are refused by the API too, whatever the role.
    expect((await stack.api('GET', '/v1/settings', { key: token })).body.error).toMatchObject({ type: 'permission', code: 'portal_feature_disabled' });
    // The role holds: a developer session cannot manage API keys (an admin route).
    const admin = await stack.api('POST', '/v1/portal-sessions', { key: org.adminKey, body: { role: 'viewer' } });
    expect((await stack.api('POST', '/v1/webhooks', { key: admin.body.token, body: { name: 'viewer try', url: 'https://hooks.example.com/x' } })).status).toBe(403);
    // A portal session cannot issue another one.
    expect((await stack.api('POST', '/v1/portal-sessions', { key: token, body: {} })).status).toBe(403);
  });

  it('shows only its own organization', async () => {
    const other = await stack.createOrganization();
    const theirs = await stack.api('POST', '/v1/webhooks', { key: other.adminKey, body: { name: 'Their webhook', url: 'https://hooks.example.com/theirs' } });
    expect(theirs.status).toBe(201);
    const mine = await stack.api('POST', '/v1/webhooks', { key: org.adminKey, body: { name: 'My webhook', url: 'https://hooks.example.com/mine' } });
    const { body } = await stack.api('POST', '/v1/portal-sessions', { key: org.adminKey, body: {} });
    const list = await stack.api('GET', '/v1/webhooks', { key: body.token });
    expect(list.body.data.map((w: { id: string }) => w.id)).toEqual([mine.body.id]);
    expect((await stack.api('GET', `/v1/webhooks/${theirs.body.id}`, { key: body.token })).status).toBe(404);
  });

  it('the operator issues one for any organization; an unknown organization is 404', async () => {
    const created = await stack.api('POST', `/v1/admin/organizations/${org.id}/portal-sessions`, { key: OPERATOR_KEY, body: { role: 'admin', ttl_seconds: 600 } });
    expect(created.status).toBe(201);
    expect(created.body.owner).toBe(`portal:${created.body.id}`);
    expect((await stack.api('GET', '/v1/session', { key: created.body.token })).body).toMatchObject({ organization_id: org.id, role: 'admin' });
    expect((await stack.api('POST', '/v1/admin/organizations/org_nope/portal-sessions', { key: OPERATOR_KEY, body: {} })).status).toBe(404);
    expect((await stack.api('POST', `/v1/admin/organizations/${org.id}/portal-sessions`, { key: org.adminKey, body: {} })).status).toBe(401);
  });

  it('refuses a lifetime over 24 hours, an unknown feature and a bad accent colour by field', async () => {
    const ttl = await stack.api('POST', '/v1/portal-sessions', { key: org.adminKey, body: { ttl_seconds: 86_401 } });
    expect(ttl.status).toBe(400);
    expect(ttl.body.error.param).toBe('ttl_seconds');
    const feature = await stack.api('POST', '/v1/portal-sessions', { key: org.adminKey, body: { features: ['webhooks', 'billing'] } });
    expect(feature.body.error.param).toBe('features[1]');
    const colour = await stack.api('POST', '/v1/portal-sessions', { key: org.adminKey, body: { branding: { accent_color: 'red' } } });
    expect(colour.body.error.param).toBe('branding.accent_color');
  });

  it('a revoked session stops working within a second', async () => {
    const { body } = await stack.api('POST', '/v1/portal-sessions', { key: org.adminKey, body: {} });
    expect((await stack.api('GET', '/v1/webhooks', { key: body.token })).status).toBe(200);
    const revoked = await stack.api('DELETE', `/v1/portal-sessions/${body.id}`, { key: org.adminKey });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked_at).not.toBeNull();
    await waitFor(async () => (await stack.api('GET', '/v1/webhooks', { key: body.token })).status === 401, { timeoutMs: 3_000, message: 'the revoked session to be refused' });
    // Refused exactly like a token that never existed: a 401 never tells a holder it once was valid.
    const refused = await stack.api('GET', '/v1/webhooks', { key: body.token });
    const unknown = await stack.api('GET', '/v1/webhooks', { key: `hkps_${'x'.repeat(43)}` });
    const withoutRequestId = (b: { error: Record<string, unknown> }) => ({ ...b.error, request_id: undefined });
    expect(refused.body.error.code).toBe('api_key_invalid');
    expect(withoutRequestId(refused.body)).toEqual(withoutRequestId(unknown.body));
  });

  it('is stored hashed, and its issue and first use are audited', async () => {
    const { body } = await stack.api('POST', '/v1/portal-sessions', { key: org.adminKey, body: { role: 'viewer' } });
    await stack.api('GET', '/v1/webhooks', { key: body.token });
    await stack.api('GET', '/v1/webhooks', { key: body.token });
    const stored = await registryDb.query('select * from portal_session where id = $1', [body.id]);
    expect(JSON.stringify(stored.rows[0])).not.toContain(body.token);
    expect(stored.rows[0].first_used_at).not.toBeNull();
    const outbox = await registryDb.query(`select payload from outbox where topic = 'audit' and message_key = $1 order by seq`, [org.id]);
    const records = outbox.rows.map((r) => eventsV1.AuditRecord.decode(r.payload)).filter((r) => r.resourceId === body.id);
    expect(records.map((r) => [r.action, r.actorKeyId])).toEqual([
      ['portal_session.create', expect.stringMatching(/^key_/)],
      ['portal_session.use', body.id],
    ]);
    expect(JSON.stringify(records)).not.toContain(body.token);
  });

  it('behind an ingress, hands out URLs on HOOKLINE_PUBLIC_URL whatever Host and X-Forwarded-* the request carried', async () => {
    const behindIngress = await stack.startGateway({ HOOKLINE_PUBLIC_URL: 'https://hooks.example.com/' });
    const created = await stack.api('POST', '/v1/portal-sessions', { key: org.adminKey, body: {}, headers: { 'x-forwarded-proto': 'http', 'x-forwarded-host': 'evil.example' } }, behindIngress.httpUrl);
    expect(created.status).toBe(201);
    expect(created.body.url).toBe(`https://hooks.example.com/portal#token=${created.body.token}`);
    const openapi = (await (await fetch(`${behindIngress.httpUrl}/openapi.json`)).json()) as { servers: { url: string }[] };
    expect(openapi.servers).toEqual([{ url: 'https://hooks.example.com' }]);
    await behindIngress.stop(5_000);
  });
});
