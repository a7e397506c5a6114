import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@hookline/config';
import { createLogger } from '@hookline/logging';
import { createSecretBox, type SecretBox } from '@hookline/secrets';
import { repoRoot } from '@hookline/testing';
import { startRegistry } from '../app';
import { registryEnv } from '../config';
import { createTestOrg, startTestRegistry, webhookRequest, type TestRegistry } from '../testing/harness';

const emptyAuth = { headerName: '', headerValue: '', username: '', password: '', tokenUrl: '', clientId: '', clientSecret: '', scope: '', audience: '' };
const silent = createLogger('registry-test', 'silent');

/** Every sealed value the registry keeps (what a `pg_dump` of its schema holds of them). */
async function sealedValues(t: TestRegistry): Promise<string[]> {
  const { rows } = await t.pool.query<{ sealed: string }>(
    `select sealed from master_key_check
     union all select auth_sealed from webhook where auth_sealed is not null
     union all select sealed_key from signing_key
     union all select change_sealed from approval`,
  );
  return rows.map((r) => r.sealed);
}

/** Makes the registry seal one of each kind: endpoint credentials, HMAC and ed25519 signing keys. */
async function storeSecrets(t: TestRegistry): Promise<string[]> {
  const org = await createTestOrg(t.client);
  const basic = await t.client.createWebhook(webhookRequest(org.admin, { auth: { ...emptyAuth, type: 'basic', username: 'svc', password: `pw-${randomBytes(8).toString('hex')}` } }));
  await t.client.createWebhook(webhookRequest(org.admin, { signatureScheme: 'ed25519' }));
  return [basic.signingSecret];
}

const opensAny = (box: SecretBox, sealed: string[]) =>
  sealed.some((value) => {
    try {
      box.open(value);
      return true;
    } catch {
      return false;
    }
  });

/**
 * Every key and constant the repository holds, as a master key could be made of it: each 64-hex
 * string, each string literal (as bytes when 32 long, and hashed with SHA-256 the way a
 * "development key from a constant" is derived), and an all-zero key.
 */
function repositoryKeyCandidates(): Buffer[] {
  const files = execFileSync('git', ['ls-files', 'apps', 'libs', 'tools', 'deploy', 'docs', '*.md', '*.json'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\n')
    .filter((f) => /\.(ts|mjs|js|json|ya?ml|md|sh|env)$/.test(f));
  const candidates = new Map<string, Buffer>();
  const add = (key: Buffer) => candidates.set(key.toString('hex'), key);
  add(Buffer.alloc(32));
  // The public development key earlier versions fell back to.
  add(createHash('sha256').update('hookline development master key (not secret)').digest());
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(join(repoRoot, file), 'utf8');
    } catch {
      continue; // deleted in the work tree
    }
    for (const hex of text.match(/[0-9a-fA-F]{64}/g) ?? []) add(Buffer.from(hex, 'hex'));
    for (const match of text.matchAll(/'([^'\n\\]{1,200})'|"([^"\n\\]{1,200})"|`([^`$\\]{1,200})`/g)) {
      const literal = match[1] ?? match[2] ?? match[3];
      add(createHash('sha256').update(literal).digest());
      if (Buffer.byteLength(literal) === 32) add(Buffer.from(literal));
    }
  }
  return [...candidates.values()];
}

describe('the master key', () => {
  it('refuses to start without HOOKLINE_MASTER_KEY outside a development machine, naming the variable', async () => {
    const t = await startTestRegistry();
    try {
      const { HOOKLINE_MASTER_KEY: _unset, ...withoutKey } = t.env;
      await expect(startRegistry(loadConfig(registryEnv, withoutKey), silent)).rejects.toThrow(/HOOKLINE_MASTER_KEY is not set/);
    } finally {
      await t.stop();
    }
  });

  it('on a development machine, creates a random key file readable by its owner only, and reuses it', async () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), 'hookline-key-')), '.data', 'master.key');
    const developmentMachine = { HOOKLINE_MASTER_KEY: undefined, HOOKLINE_DEVELOPMENT_MACHINE: 'true', HOOKLINE_DEVELOPMENT_KEY_FILE: keyFile };
    const t = await startTestRegistry({ env: developmentMachine });
    try {
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const key = readFileSync(keyFile, 'utf8').trim();
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      await t.registry.stop();
      // A second start opens what the first sealed (the canary) with the same file, left unchanged.
      const again = await startRegistry(loadConfig(registryEnv, t.env), silent);
      await again.stop();
      expect(readFileSync(keyFile, 'utf8').trim()).toBe(key);
    } finally {
      await t.pool.query(`drop schema if exists ${t.schema} cascade`);
      await halt(t, false);
    }
  });

  it('a dump of the database plus every key and constant in the repository opens no secret', async () => {
    // What a deployment without a configured key runs with: on a development machine, the local key file.
    const keyFile = join(mkdtempSync(join(tmpdir(), 'hookline-key-')), 'master.key');
    const t = await startTestRegistry({ env: { HOOKLINE_MASTER_KEY: undefined, HOOKLINE_DEVELOPMENT_MACHINE: 'true', HOOKLINE_DEVELOPMENT_KEY_FILE: keyFile } });
    try {
      await storeSecrets(t);
      const sealed = await sealedValues(t);
      expect(sealed.length).toBeGreaterThanOrEqual(4);
      const candidates = repositoryKeyCandidates();
      expect(candidates.length).toBeGreaterThan(1_000);
      const opened = candidates.filter((key) => ['registry', 'gateway idempotency'].some((purpose) => opensAny(createSecretBox(key, { purpose }), sealed)));
      expect(opened.map((k) => k.toString('hex'))).toEqual([]);
    } finally {
      await t.stop();
    }
  });

  it('a rotation re-encrypts every secret under the new key; a backup taken before opens with the old key only', async () => {
    const oldKey = randomBytes(32).toString('hex');
    const newKey = randomBytes(32).toString('hex');
    const schema = `t_registry_rot_${randomBytes(4).toString('hex')}`;
    const before = await startTestRegistry({ schema, env: { HOOKLINE_MASTER_KEY: oldKey } });
    const org = await createTestOrg(before.client);
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const created = await before.client.createWebhook(webhookRequest(org.admin, { auth: { ...emptyAuth, type: 'basic', username: 'svc', password } }));
    const backup = await sealedValues(before);
    await halt(before);

    // Rotate: the new key, with the old one as previous, for one start.
    const rotating = await startTestRegistry({ schema, env: { HOOKLINE_MASTER_KEY: newKey, HOOKLINE_MASTER_KEY_PREVIOUS: oldKey } });
    await halt(rotating);
    // Then the new key alone: everything still opens, and the delivery config carries the same secrets.
    const after = await startTestRegistry({ schema, env: { HOOKLINE_MASTER_KEY: newKey } });
    try {
      const config = await after.dispatcher.getDeliveryConfig({ webhookId: created.webhook!.id });
      expect(config.auth?.password).toBe(password);
      expect(config.signingKeys).toEqual([created.signingSecret]);

      const current = await sealedValues(after);
      const oldBox = createSecretBox(Buffer.from(oldKey, 'hex'));
      const newBox = createSecretBox(Buffer.from(newKey, 'hex'));
      expect(current.every((value) => newBox.isCurrent(value))).toBe(true);
      // The stolen old backup: the new key opens none of it; the old key opens none of today's rows.
      expect(backup.some((value) => newBox.isCurrent(value))).toBe(false);
      expect(backup.filter((value) => opensWith(newBox, value))).toEqual([]);
      expect(current.filter((value) => opensWith(oldBox, value))).toEqual([]);
    } finally {
      await after.stop();
    }
  });
});

/** Stops a registry but keeps its schema, for the next start on it. */
async function halt(t: TestRegistry, running = true): Promise<void> {
  t.client.close();
  t.dispatcher.close();
  if (running) await t.registry.stop();
  await t.pool.end();
}

function opensWith(box: SecretBox, sealed: string): boolean {
  return opensAny(box, [sealed]);
}

