import { loadConfig } from '@hookline/config';
import { createLogger } from '@hookline/logging';
import { randomBytes } from 'node:crypto';
import { startRegistry } from '../app';
import { HOUR_MS } from '../common/clock';
import { registryEnv } from '../config';
import { createTestOrg, manualClock, startTestRegistry, webhookRequest, type TestRegistry } from '../testing/harness';

/** Every value of every row of every table in the schema, bytea decoded, as one searchable text. */
async function dumpSchemaRows(t: TestRegistry): Promise<string> {
  const { rows: tables } = await t.pool.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'`,
    [t.schema],
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const { rows } = await t.pool.query(`select * from ${t.schema}."${table_name}"`);
    for (const row of rows) {
      for (const value of Object.values(row)) {
        parts.push(Buffer.isBuffer(value) ? value.toString('latin1') : typeof value === 'string' ? value : JSON.stringify(value));
      }
    }
  }
  return parts.join('\n');
}

const emptyAuth = { headerName: '', headerValue: '', username: '', password: '', tokenUrl: '', clientId: '', clientSecret: '', scope: '', audience: '' };

describe('secrets at rest, rotation and delivery config', () => {
  const clock = manualClock();
  let t: TestRegistry;

  beforeAll(async () => {
    t = await startTestRegistry({ clock });
  });
  afterAll(() => t?.stop());

  it('stores no plaintext secret, private key, credential or API key in any row', async () => {
    const org = await createTestOrg(t.client);
    const secrets: string[] = [org.adminKey];
    const hmac = await t.client.createWebhook(
      webhookRequest(org.admin, { auth: { ...emptyAuth, type: 'api_key', headerName: 'x-api-key', headerValue: 'hdr-value-Zq81x' } }),
    );
    secrets.push(hmac.signingSecret, 'hdr-value-Zq81x');
    await t.client.createWebhook(
      webhookRequest(org.admin, { signatureScheme: 'ed25519', auth: { ...emptyAuth, type: 'basic', username: 'svc', password: 'basic-pw-Kk29' } }),
    );
    secrets.push('basic-pw-Kk29');
    const oauth = await t.client.createWebhook(
      webhookRequest(org.admin, {
        signatureScheme: 'ecdsa-p256',
        auth: { ...emptyAuth, type: 'oauth2', tokenUrl: 'https://auth.example.com/token', clientId: 'client-1', clientSecret: 'oauth-secret-Pp73' },
      }),
    );
    secrets.push('oauth-secret-Pp73');
    const rotated = await t.client.rotateSecret({ context: org.admin, webhookId: hmac.webhook!.id, orgId: '' });
    secrets.push(rotated.secret);
    const made = await t.client.createApiKey({ context: org.admin, orgId: '', role: 'viewer', owner: 'v@example.com', name: '' });
    secrets.push(made.key);
    // Private keys: what the dispatcher receives must be absent from the rows too.
    const ed = await t.dispatcher.getDeliveryConfig({ webhookId: oauth.webhook!.id });
    expect(ed.signingKeys[0]).toContain('BEGIN PRIVATE KEY');
    secrets.push(ed.signingKeys[0].split('\n')[1]);
    await t.registry.outbox.drain();

    const dump = await dumpSchemaRows(t);
    expect(dump).toMatch(/k[0-9a-f]{12}:/); // the sealed values are there (under the master key's id)...
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      expect({ secret, found: dump.includes(secret) }).toEqual({ secret, found: false }); // ...their plaintext is not
      expect(dump.includes(secret.replace(/^whsec_/, ''))).toBe(false);
    }
  });

  it('keeps signing with the previous secret for 24 h after a rotation, and at most 5 old keys', async () => {
    const org = await createTestOrg(t.client);
    const created = await t.client.createWebhook(webhookRequest(org.admin));
    const id = created.webhook!.id;
    const rotated = await t.client.rotateSecret({ context: org.admin, webhookId: id, orgId: '' });
    expect(Date.parse(rotated.previousValidUntil) - clock().getTime()).toBe(24 * HOUR_MS);
    expect((await t.dispatcher.getDeliveryConfig({ webhookId: id })).signingKeys).toEqual([rotated.secret, created.signingSecret]);
    clock.advance(23 * HOUR_MS);
    expect((await t.dispatcher.getDeliveryConfig({ webhookId: id })).signingKeys).toEqual([rotated.secret, created.signingSecret]);
    clock.advance(HOUR_MS + 1);
    expect((await t.dispatcher.getDeliveryConfig({ webhookId: id })).signingKeys).toEqual([rotated.secret]);

    const fresh: string[] = [rotated.secret];
    for (let i = 0; i < 7; i++) fresh.unshift((await t.client.rotateSecret({ context: org.admin, webhookId: id, orgId: '' })).secret);
    const keys = (await t.dispatcher.getDeliveryConfig({ webhookId: id })).signingKeys;
    expect(keys).toEqual(fresh.slice(0, 6)); // current + 5 previous
  });

  it('returns decrypted credentials in the delivery config', async () => {
    const org = await createTestOrg(t.client);
    const created = await t.client.createWebhook(
      webhookRequest(org.admin, {
        auth: { ...emptyAuth, type: 'oauth2', tokenUrl: 'https://auth.example.com/token', clientId: 'cid', clientSecret: 'csecret-123', scope: 'hooks' },
        retryScheduleSeconds: { seconds: [5, 60] },
        ordering: 'fifo',
      }),
    );
    const config = await t.dispatcher.getDeliveryConfig({ webhookId: created.webhook!.id });
    expect(config).toMatchObject({
      orgId: org.orgId,
      url: 'https://receiver.example.com/hooks',
      signatureScheme: 'hmac-sha256',
      signingKeys: [created.signingSecret],
      // No client_auth_method given: the dispatcher is told `auto`.
      auth: { type: 'oauth2', tokenUrl: 'https://auth.example.com/token', clientId: 'cid', clientSecret: 'csecret-123', scope: 'hooks', clientAuthMethod: 'auto' },
      retryScheduleSeconds: [5, 60],
      ordering: 'fifo',
      version: created.webhook!.version,
    });
  });

  it('refuses to start with a different master key (fails closed, naming HOOKLINE_MASTER_KEY)', async () => {
    const config = loadConfig(registryEnv, { ...t.env, HOOKLINE_MASTER_KEY: randomBytes(32).toString('hex') });
    await expect(startRegistry(config, createLogger('registry-test', 'silent'))).rejects.toThrow(/HOOKLINE_MASTER_KEY/);
  });
});
