import { Pool } from 'pg';
import { testDatabaseUrl } from '@hookline/testing';
import { startGatewayStack, type GatewayStack, type Organization } from '../testing/gateway-stack';

// Stored Idempotency-Key responses hold what a creation shows once (signing secrets, API keys):
// they are sealed at rest and replayed only to the API key that made the request.

let stack: GatewayStack;
let org: Organization;
let pool: Pool;

beforeAll(async () => {
  stack = await startGatewayStack();
  org = await stack.createOrganization();
  pool = new Pool({ connectionString: testDatabaseUrl, options: `-c search_path=${stack.gatewaySchema}` });
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await stack?.stop();
});

const storedRow = async (idempotencyKey: string) =>
  (await pool.query<{ scope: string; request_hash: string; response_body: string }>('select scope, request_hash, response_body from idempotency_keys where idempotency_key = $1', [idempotencyKey])).rows;

describe('Idempotency-Key records', () => {
  it('store a created webhook and its signing secret only sealed, and still replay the exact response', async () => {
    const headers = { 'idempotency-key': `sealed-${Date.now()}` };
    const body = { name: 'Sealed replay hook', url: 'https://hooks.example.com/sealed', auth: { type: 'basic', username: 'hookline', password: 'pw-low-entropy' } };
    const first = await stack.api('POST', '/v1/webhooks', { key: org.adminKey, headers, body });
    expect(first.status).toBe(201);
    const secret: string = first.body.signing_secret;
    expect(secret).toMatch(/^whsec_/);

    const rows = await storedRow(headers['idempotency-key']);
    expect(rows).toHaveLength(1);
    expect(rows[0].response_body).toMatch(/^k[0-9a-f]{12}:/); // sealed under the master key's id
    const dumped = JSON.stringify(rows);
    expect(dumped).not.toContain(secret);
    expect(dumped).not.toContain(secret.slice('whsec_'.length));
    expect(dumped).not.toContain(first.body.id);

    const replay = await stack.api('POST', '/v1/webhooks', { key: org.adminKey, headers, body });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
  });

  it('are scoped to the API key: another key of the same org reusing the Idempotency-Key does not get the first response', async () => {
    const otherAdmin = await org.keyFor('admin');
    const headers = { 'idempotency-key': `per-key-${Date.now()}` };
    const body = { role: 'viewer', owner: 'reporting' };
    const first = await stack.api('POST', '/v1/api-keys', { key: org.adminKey, headers, body });
    expect(first.status).toBe(201);

    const second = await stack.api('POST', '/v1/api-keys', { key: otherAdmin, headers, body });
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(second.body.key).not.toBe(first.body.key);
    expect(second.body.id).not.toBe(first.body.id);
    expect(JSON.stringify(second.body)).not.toContain(first.body.key);

    const rows = await storedRow(headers['idempotency-key']);
    expect(new Set(rows.map((r) => r.scope)).size).toBe(2);
    for (const row of rows) expect(row.scope).toMatch(/^key_/);
    expect(JSON.stringify(rows)).not.toContain(first.body.key);
  });
});
