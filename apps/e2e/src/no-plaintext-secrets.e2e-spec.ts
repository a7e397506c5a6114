import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { testKafkaBrokers, uniqueSuffix, waitFor, type ApiAnswer } from '@hookline/testing';
import { dumpTopics } from './support/topic-dump';
import { startTrustStack, type TrustStack } from './support/trust-stack';

// The audit a security reviewer runs: make the platform create every kind of secret through the
// public API (every write with an Idempotency-Key, so the replay records are exercised too), then
// look where it keeps things — the whole database as `pg_dump` writes it, every Kafka topic, every
// service's log — for each secret value the API handed out or was given. Not one may appear.

const run = promisify(execFile);
const SCHEMES = ['hmac-sha256', 'ed25519', 'ecdsa-p256'] as const;

let stack: TrustStack;
/** Secret values and where each came from, for the failure message. */
const secrets = new Map<string, string>();

beforeAll(async () => {
  stack = await startTrustStack();
}, 600_000);

afterAll(async () => {
  await stack?.stop();
});

const remember = (value: unknown, what: string) => {
  expect(typeof value).toBe('string');
  expect((value as string).length).toBeGreaterThanOrEqual(8);
  secrets.set(value as string, what);
};

async function write(method: string, path: string, key: string, body: unknown, idempotencyKey = `idem-${uniqueSuffix()}`): Promise<ApiAnswer> {
  const first = await stack.api(method, path, { key, body, headers: { 'idempotency-key': idempotencyKey } });
  // Every write is also replayed: the replay must come from the stored (sealed) record, unchanged.
  const replay = await stack.api(method, path, { key, body, headers: { 'idempotency-key': idempotencyKey } });
  expect({ path, status: replay.status, replayed: replay.headers.get('idempotent-replayed') }).toEqual({ path, status: first.status, replayed: 'true' });
  expect(replay.body).toEqual(first.body);
  return first;
}

async function pgDump(databaseUrl: string): Promise<string> {
  try {
    const { stdout } = await run('pg_dump', ['--no-owner', '--no-privileges', '--dbname', databaseUrl], { maxBuffer: 512 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    throw new Error(`pg_dump failed (it must be installed, e.g. the postgresql-client package): ${String(error)}`);
  }
}

it('keeps no secret, credential, API key or private key in plaintext in the database, on Kafka or in the logs', async () => {
  const credential = (what: string) => {
    const value = `${what}-${randomBytes(18).toString('base64url')}`;
    remember(value, `endpoint credential (${what})`);
    return value;
  };

  // Organizations and keys: the operator's first key per org, more keys by the operator and by the org.
  const orgs = [];
  for (const name of ['Audit org one', 'Audit org two']) {
    const created = await write('POST', '/v1/admin/organizations', stack.operatorKey, { name: `${name} ${uniqueSuffix()}` });
    expect(created.status).toBe(201);
    remember(created.body.api_key.key, 'an organization\'s first admin key');
    orgs.push({ id: created.body.organization.id as string, adminKey: created.body.api_key.key as string });
  }
  for (const role of ['admin', 'developer', 'viewer']) {
    const byOperator = await write('POST', `/v1/admin/organizations/${orgs[0].id}/api-keys`, stack.operatorKey, { role, owner: `ops-${role}` });
    expect(byOperator.status).toBe(201);
    remember(byOperator.body.key, `a ${role} key created by the operator`);
    const byOrg = await write('POST', '/v1/api-keys', orgs[1].adminKey, { role, owner: `team-${role}` });
    expect(byOrg.status).toBe(201);
    remember(byOrg.body.key, `a ${role} key created by an org admin`);
  }

  // Webhooks: every auth type with every signature scheme, spread over both orgs (10 per org at most).
  const authFor = {
    none: () => ({ type: 'none' }),
    api_key: () => ({ type: 'api_key', header_name: 'x-api-key', value: credential('api-key-value') }),
    basic: () => ({ type: 'basic', username: 'hookline', password: credential('basic-password') }),
    oauth2: () => ({ type: 'oauth2', token_url: 'http://127.0.0.1:9/token', client_id: 'hookline-client', client_secret: credential('oauth-client-secret') }),
  };
  const webhooks: Array<{ id: string; key: string; scheme: string }> = [];
  let n = 0;
  for (const scheme of SCHEMES) {
    for (const [type, auth] of Object.entries(authFor)) {
      const org = orgs[n++ % 2];
      const created = await write('POST', '/v1/webhooks', org.adminKey, {
        name: `Audit ${type} ${scheme}`,
        url: 'http://127.0.0.1:9/hook',
        auth: auth(),
        signature_scheme: scheme,
      });
      expect({ type, scheme, status: created.status }).toEqual({ type, scheme, status: 201 });
      if (scheme === 'hmac-sha256') remember(created.body.signing_secret, `signing secret of a ${type} webhook`);
      else expect(created.body.signing_secret).toBeUndefined();
      webhooks.push({ id: created.body.id, key: org.adminKey, scheme });
    }
  }

  // Rotations, credential changes, and a test event per webhook so the dispatcher reads every credential.
  for (const webhook of webhooks) {
    const rotated = await write('POST', `/v1/webhooks/${webhook.id}/rotate-secret`, webhook.key, undefined);
    expect(rotated.status).toBe(200);
    if (webhook.scheme === 'hmac-sha256') remember(rotated.body.secret, 'a rotated signing secret');
    expect((await write('POST', `/v1/webhooks/${webhook.id}/test`, webhook.key, { event_type: 'hookline.test' })).status).toBe(202);
  }
  const patched = await write('PATCH', `/v1/webhooks/${webhooks[1].id}`, webhooks[1].key, { auth: authFor.api_key() });
  expect(patched.status).toBe(200);
  remember(stack.operatorKey, 'the operator key');
  remember(stack.masterKey, 'the master key');

  // Let the pipeline finish its work: attempts recorded (credentials used), access records stored.
  await waitFor(
    async () => {
      for (const webhook of webhooks) {
        const list = await stack.api('GET', `/v1/webhooks/events?webhook_id=${webhook.id}`, { key: webhook.key });
        if (!list.body.data?.some((d: { attempt_count: number }) => d.attempt_count > 0)) return false;
      }
      return true;
    },
    { timeoutMs: 60_000, intervalMs: 250, message: 'a delivery attempt for every webhook' },
  );

  const dump = await pgDump(stack.databaseUrl);
  expect(dump).toContain('idempotency_keys'); // the dump holds the whole database, replay records included
  const topics = await dumpTopics(testKafkaBrokers, stack.topicPrefix);
  expect(topics.messages).toBeGreaterThan(0);
  const logs = stack.logs();

  const leaks: string[] = [];
  const places: Array<[string, (needle: string) => boolean]> = [
    ['pg_dump', (needle) => dump.includes(needle)],
    ['Kafka', (needle) => topics.chunks.some((chunk) => chunk.includes(needle))],
    ['logs', (needle) => logs.includes(needle)],
  ];
  for (const [value, what] of secrets) {
    const bare = value.replace(/^(whsec_|hk_)/, '');
    for (const [place, holds] of places) {
      for (const needle of new Set([value, bare, Buffer.from(value).toString('base64')])) {
        if (holds(needle)) leaks.push(`${what} in ${place}`);
      }
    }
  }
  for (const marker of ['PRIVATE KEY', 'whsk_']) {
    for (const [place, holds] of places) if (holds(marker)) leaks.push(`a private key (${marker}) in ${place}`);
  }
  expect(secrets.size).toBe(28); // 8 API keys, 10 credentials, 4 signing + 4 rotated secrets, operator and master key
  expect(leaks).toEqual([]);

  // And the replay records are the sealed kind, per API key.
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ scope: string; response_body: string }>('select scope, response_body from gateway.idempotency_keys');
    expect(rows.length).toBeGreaterThan(40);
    for (const row of rows) {
      expect(row.response_body).toMatch(/^k[0-9a-f]{12}:/); // sealed under the master key's id
      expect(row.scope).toMatch(/^(key_|operator$)/);
    }
  } finally {
    await db.end();
  }
}, 300_000);
