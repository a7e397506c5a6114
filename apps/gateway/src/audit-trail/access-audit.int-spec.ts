import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  repoRoot,
  startServiceProcess,
  testDatabaseUrl,
  testKafkaBrokers,
  testTlsDir,
  uniqueSuffix,
  uniqueTopicPrefix,
  waitFor,
  type ServiceProcess,
} from '@hookline/testing';
import { outcomeOf } from './access-record';

// The whole path of an audit record: gateway (access) and registry (change) → Kafka → audit
// service → PostgreSQL → REST. Records are read straight from the audit schema as well.
const OPERATOR_KEY = `op_${randomBytes(16).toString('hex')}`;
const suffix = uniqueSuffix();
const auditSchema = `t_audit_${suffix}`;
const prefix = uniqueTopicPrefix('tat');
const common = { DATABASE_URL: testDatabaseUrl, KAFKA_BROKERS: testKafkaBrokers, HOOKLINE_TOPIC_PREFIX: prefix, LOG_LEVEL: 'warn' };

interface Answer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

describe('audit trail: every API call and every change, end to end', () => {
  const started: ServiceProcess[] = [];
  const db = new Client({ connectionString: testDatabaseUrl });
  let gateway: ServiceProcess;

  const api = async (method: string, path: string, options: { key?: string; body?: unknown; baseUrl?: string } = {}): Promise<Answer> => {
    const headers: Record<string, string> = { 'user-agent': 'audit-test/1' };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${options.baseUrl ?? gateway.httpUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.status, headers: res.headers, body, text };
  };
  const recordOf = (requestId: string) =>
    waitFor(async () => (await db.query(`select * from ${auditSchema}.audit_record where request_id = $1 and kind = 'access'`, [requestId])).rows[0], {
      timeoutMs: 20_000,
      message: `the access record of ${requestId}`,
    });
  const createOrganization = async () => {
    const created = await api('POST', '/v1/admin/organizations', { key: OPERATOR_KEY, body: { name: `Org ${uniqueSuffix()}` } });
    expect(created.status).toBe(201);
    return { id: created.body.organization.id as string, adminKey: created.body.api_key.key as string };
  };

  // One deployment master key: the registry seals secrets with it, the gateway its replay records.
  const masterKey = randomBytes(32).toString('hex');

  beforeAll(async () => {
    await db.connect();
    const [registry, audit] = await Promise.all([
      startServiceProcess('registry', {
        ...common,
        HOOKLINE_REGISTRY_DB_SCHEMA: `t_registry_${suffix}`,
        HOOKLINE_MASTER_KEY: masterKey,
        HOOKLINE_EVENT_CATALOG: join(repoRoot, 'deploy/catalog/example-catalog.yaml'),
        HOOKLINE_ALLOW_INSECURE_URLS: 'true',
        HOOKLINE_EGRESS_ALLOW_CIDRS: '127.0.0.0/8',
      }),
      startServiceProcess('audit', { ...common, HOOKLINE_AUDIT_DB_SCHEMA: auditSchema, HOOKLINE_AUDIT_CONSUMER_GROUP: `${prefix}audit-store-${suffix}` }),
    ]);
    started.push(registry, audit);
    gateway = await startServiceProcess('gateway', {
      ...common,
      HOOKLINE_GATEWAY_DB_SCHEMA: `t_gateway_${suffix}`,
      HOOKLINE_REGISTRY_ADDR: registry.grpcAddress,
      HOOKLINE_AUDIT_ADDR: audit.grpcAddress,
      HOOKLINE_OPERATOR_KEY: OPERATOR_KEY,
      HOOKLINE_MASTER_KEY: masterKey,
    });
    started.push(gateway);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(started.reverse().map((p) => p.stop(10_000)));
    await db.end();
  });

  it('every route of the OpenAPI document produces an access record with its action and outcome', async () => {
    const org = await createOrganization();
    const document = (await api('GET', '/openapi.json')).body as { paths: Record<string, Record<string, { operationId: string; security?: unknown[] }>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), action: operation.operationId })),
    );
    expect(operations.length).toBeGreaterThan(15);
    expect(operations.map((o) => o.action)).toEqual(expect.arrayContaining(['audit_log.list', 'audit_log.verify', 'audit_log.export']));

    for (const operation of operations) {
      const isAdmin = operation.path.startsWith('/v1/admin');
      const path = operation.path.replace('{id}', isAdmin ? org.id : 'x_missing');
      const key = isAdmin ? OPERATOR_KEY : org.adminKey;
      const write = operation.method !== 'GET';
      // Authenticated (with an empty body for writes, which most routes refuse: failure is an outcome too) …
      const answer = await api(operation.method, path, { key, body: write ? {} : undefined });
      const record = await recordOf(answer.headers.get('request-id')!);
      expect({ route: operation, action: record.action, status: record.http_status, outcome: record.outcome }).toEqual({
        route: operation,
        action: operation.action,
        status: answer.status,
        outcome: outcomeOf(answer.status),
      });
      expect(record).toMatchObject({ actor_kind: isAdmin ? 'operator' : 'api_key', user_agent: 'audit-test/1', ip: expect.stringMatching(/127\.0\.0\.1/) });
      if (!isAdmin) expect(record.org_id).toBe(org.id);
      // … and anonymous: refused, recorded as a denied anonymous call.
      const anonymous = await api(operation.method, path, { body: write ? {} : undefined });
      expect(anonymous.status).toBe(401);
      await expect(recordOf(anonymous.headers.get('request-id')!)).resolves.toMatchObject({ action: operation.action, actor_kind: 'anonymous', outcome: 'denied', http_status: 401 });
    }
  });

  it('a call whose client hangs up before the answer is recorded too, with its address', async () => {
    const org = await createOrganization();
    const userAgent = `hang-up-test/${uniqueSuffix()}`;
    const { port } = new URL(gateway.httpUrl);
    // Headers and half a body, then the connection is dropped: the gateway never answers it.
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          [
            'POST /v1/events HTTP/1.1',
            `Host: 127.0.0.1:${port}`,
            `Authorization: Bearer ${org.adminKey}`,
            'Content-Type: application/json',
            `User-Agent: ${userAgent}`,
            'Content-Length: 1000',
            '',
            '{"type":"transfer.comp',
          ].join('\r\n'),
          () => {
            socket.destroy();
            resolve();
          },
        );
      });
      socket.on('error', reject);
    });
    const record = await waitFor(
      async () => (await db.query(`select * from ${auditSchema}.audit_record where user_agent = $1 and kind = 'access'`, [userAgent])).rows[0],
      { timeoutMs: 20_000, message: 'the access record of the call whose client hung up' },
    );
    // The client may leave before its key is checked: the call is filed by what is known then.
    expect(record).toMatchObject({ action: 'event.publish', http_status: 499, outcome: 'failure', ip: expect.stringMatching(/127\.0\.0\.1/) });
  });

  it('an unknown path is recorded too', async () => {
    const answer = await api('GET', '/v1/no-such-thing');
    expect(answer.status).toBe(404);
    await expect(recordOf(answer.headers.get('request-id')!)).resolves.toMatchObject({ action: 'route.unknown', outcome: 'failure' });
  });

  it('webhook create, update, rotate and delete leave redacted change records: no secret, credential or key anywhere', async () => {
    const org = await createOrganization();
    const secrets = [OPERATOR_KEY, org.adminKey, `hdr-secret-${randomBytes(8).toString('hex')}`, `basic-pw-${randomBytes(8).toString('hex')}`];
    const created = await api('POST', '/v1/webhooks', {
      key: org.adminKey,
      body: { name: 'Audit hook', url: 'http://127.0.0.1:9/hook', auth: { type: 'api_key', header_name: 'x-api-key', value: secrets[2] } },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    secrets.push(created.body.signing_secret);
    const updated = await api('PATCH', `/v1/webhooks/${id}`, { key: org.adminKey, body: { auth: { type: 'basic', username: 'u', password: secrets[3] } } });
    expect(updated.status).toBe(200);
    const rotated = await api('POST', `/v1/webhooks/${id}/rotate-secret`, { key: org.adminKey, body: {} });
    expect(rotated.status).toBe(200);
    secrets.push(rotated.body.secret);
    expect((await api('DELETE', `/v1/webhooks/${id}`, { key: org.adminKey })).status).toBe(204);

    const changes = await waitFor(
      async () => {
        const { rows } = await db.query(`select * from ${auditSchema}.audit_record where org_id = $1 and kind = 'change' and resource_id = $2 order by sequence`, [org.id, id]);
        return rows.length >= 4 ? rows : null;
      },
      { timeoutMs: 20_000, message: 'four change records of the webhook' },
    );
    expect(changes.map((r) => r.action)).toEqual(['webhook.create', 'webhook.update', 'webhook.rotate_secret', 'webhook.delete']);
    expect(JSON.parse(changes[0].after_json)).toMatchObject({ id, name: 'Audit hook' });
    expect(JSON.parse(changes[1].before_json)).toMatchObject({ id });

    // The same changes as the REST client sees them (admin, filtered), and the chain verifies.
    const listed = await api('GET', `/v1/audit-logs?kind=change&resource_id=${id}&action=webhook.`, { key: org.adminKey });
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((r: { action: string }) => r.action)).toEqual(['webhook.delete', 'webhook.rotate_secret', 'webhook.update', 'webhook.create']);
    expect(listed.body.data[3].after).toMatchObject({ id });

    const everything = JSON.stringify((await db.query(`select * from ${auditSchema}.audit_record`)).rows);
    for (const secret of secrets) expect({ secret, found: everything.includes(secret) }).toEqual({ secret, found: false });
    const exported = await api('GET', '/v1/audit-logs/export', { key: org.adminKey });
    for (const secret of secrets) expect(exported.text.includes(secret)).toBe(false);
  });

  it('REST: admin only, org-scoped, verifiable, exportable as NDJSON', async () => {
    const a = await createOrganization();
    const b = await createOrganization();
    await api('GET', '/v1/webhooks', { key: b.adminKey });
    const last = await api('GET', '/v1/webhooks', { key: a.adminKey });
    await recordOf(last.headers.get('request-id')!);

    const listA = await api('GET', '/v1/audit-logs?limit=100', { key: a.adminKey });
    expect(listA.status).toBe(200);
    expect(listA.body.data.length).toBeGreaterThan(0);
    expect(new Set(listA.body.data.map((r: { id: string }) => r.id)).size).toBe(listA.body.data.length);
    const orgIds = (await db.query(`select distinct org_id from ${auditSchema}.audit_record where id = any($1)`, [listA.body.data.map((r: { id: string }) => r.id)])).rows;
    expect(orgIds).toEqual([{ org_id: a.id }]);

    const viewer = await api('POST', '/v1/api-keys', { key: a.adminKey, body: { role: 'viewer', owner: 'vera' } });
    expect(viewer.status).toBe(201);
    expect((await api('GET', '/v1/audit-logs', { key: viewer.body.key })).status).toBe(403);

    // Every record names the service that signed it: the gateway its access records, the registry its changes.
    expect(listA.body.data.map((r: { kind: string; producer: string }) => [r.kind, r.producer])).toEqual(
      listA.body.data.map((r: { kind: string }) => [r.kind, r.kind === 'access' ? 'gateway' : 'registry']),
    );

    const verdict = await api('GET', '/v1/audit-logs/verify', { key: a.adminKey });
    expect(verdict.body).toMatchObject({ valid: true, head: expect.stringMatching(/^[0-9a-f]{64}$/), unsigned_records: 0, signed_from_sequence: 1 });
    expect(verdict.body.records).toBeGreaterThan(0);
    const producers = Object.fromEntries(verdict.body.producers.map((p: { producer: string; records: number }) => [p.producer, p.records]));
    expect(Object.keys(producers).sort()).toEqual(['gateway', 'registry']);
    expect(producers.gateway + producers.registry).toBe(verdict.body.records);

    const exported = await api('GET', `/v1/audit-logs/export?created_after=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`, { key: a.adminKey });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const lines = exported.text.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.every((line) => line.org_id === a.id)).toBe(true);
    expect(lines.map((line) => line.sequence)).toEqual([...lines.map((line) => line.sequence)].sort((x, y) => x - y));
    for (let i = 1; i < lines.length; i++) if (lines[i].sequence === lines[i - 1].sequence + 1) expect(lines[i].prev_hash).toBe(lines[i - 1].hash);

    // The whole chain verifies offline, hashes and producer signatures, with the CA certificate alone.
    const whole = await api('GET', '/v1/audit-logs/export', { key: a.adminKey });
    const file = join(tmpdir(), `audit-export-${suffix}.ndjson`);
    writeFileSync(file, whole.text);
    const offline = (ca: string) => spawnSync(process.execPath, ['--import', 'tsx', 'tools/audit/verify-export.ts', file, '--ca', ca], { cwd: repoRoot, encoding: 'utf8' });
    const checked = offline(join(testTlsDir, 'ca.crt'));
    expect({ status: checked.status, stderr: checked.stderr }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(checked.stdout)).toMatchObject({ valid: true, firstSequence: 1, producers: { gateway: expect.any(Number), registry: expect.any(Number) } });
    // An edited line fails offline too.
    writeFileSync(file, whole.text.replace(`"org_id":"${a.id}"`, `"org_id":"${b.id}"`));
    const edited = offline(join(testTlsDir, 'ca.crt'));
    expect(edited.status).toBe(1);
    expect(JSON.parse(edited.stdout).broken).toMatchObject({ line: 1, reason: 'hash_mismatch' });
  });
});
