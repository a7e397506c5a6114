import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { createKafka, topicNames } from '@hookline/kafka';
import { createLogger } from '@hookline/logging';
import { repoRoot, startServiceProcess, testDatabaseUrl, testKafkaBrokers, testKafkaSecurity, uniqueSuffix, uniqueTopicPrefix, waitFor, type ServiceProcess } from '@hookline/testing';

// Gateway, registry and audit as processes: poison audit records, the %00 request, and the
// operator's dead-letter endpoints.
const OPERATOR_KEY = `op_${randomBytes(16).toString('hex')}`;
const suffix = uniqueSuffix();
const auditSchema = `t_audit_dl_${suffix}`;
const prefix = uniqueTopicPrefix('tdl');
const common = { DATABASE_URL: testDatabaseUrl, KAFKA_BROKERS: testKafkaBrokers, HOOKLINE_TOPIC_PREFIX: prefix, LOG_LEVEL: 'warn' };

describe('dead letters through the operator API, and the %00 request', () => {
  const started: ServiceProcess[] = [];
  const db = new Client({ connectionString: testDatabaseUrl });
  let gateway: ServiceProcess;

  const api = async (method: string, path: string, key?: string) => {
    const res = await fetch(`${gateway.httpUrl}${path}`, { method, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
    const text = await res.text();
    return { status: res.status, requestId: res.headers.get('request-id')!, body: text ? JSON.parse(text) : undefined };
  };
  const accessRecord = (requestId: string) =>
    waitFor(async () => (await db.query(`select * from ${auditSchema}.audit_record where request_id = $1 and kind = 'access'`, [requestId])).rows[0], {
      timeoutMs: 20_000,
      message: `the access record of ${requestId}`,
    });

  // One deployment master key: the registry seals secrets with it, the gateway its replay records.
  const masterKey = randomBytes(32).toString('hex');

  beforeAll(async () => {
    await db.connect();
    const [registry, audit] = await Promise.all([
      startServiceProcess('registry', {
        ...common,
        HOOKLINE_REGISTRY_DB_SCHEMA: `t_registry_dl_${suffix}`,
        HOOKLINE_MASTER_KEY: masterKey,
        HOOKLINE_EVENT_CATALOG: join(repoRoot, 'deploy/catalog/example-catalog.yaml'),
      }),
      startServiceProcess('audit', { ...common, HOOKLINE_AUDIT_DB_SCHEMA: auditSchema, HOOKLINE_AUDIT_CONSUMER_GROUP: `${prefix}audit-store-${suffix}`, HOOKLINE_AUDIT_TOPIC_PARTITIONS: '1' }),
    ]);
    started.push(registry, audit);
    gateway = await startServiceProcess('gateway', {
      ...common,
      HOOKLINE_GATEWAY_DB_SCHEMA: `t_gateway_dl_${suffix}`,
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

  it('a request with %00 in its path is audited, and every later record of its partition too', async () => {
    const poisoned = await api('POST', '/v1/admin/organizations/%00x/api-keys', OPERATOR_KEY);
    expect(poisoned.status).toBeGreaterThanOrEqual(400);
    expect(poisoned.status).toBeLessThan(500);
    const anonymous = await api('POST', '/v1/admin/organizations/%00y/api-keys');
    // The audit topic has one partition here: everything after them is on theirs.
    const later = [];
    for (let i = 0; i < 5; i++) later.push(await api('GET', '/v1/admin/organizations', OPERATOR_KEY));
    await expect(accessRecord(poisoned.requestId)).resolves.toMatchObject({ action: 'admin.api_key.create', http_status: poisoned.status });
    await expect(accessRecord(anonymous.requestId)).resolves.toMatchObject({ action: 'admin.api_key.create', actor_kind: 'anonymous' });
    for (const answer of later) await expect(accessRecord(answer.requestId)).resolves.toMatchObject({ action: 'organization.list', http_status: 200 });

    // Request metrics by route pattern and status.
    const metrics = await (await fetch(`${gateway.opsUrl}/metrics`)).text();
    const count = (name: string, labels: string) => {
      const line = metrics.split('\n').find((l) => l.startsWith(`${name}{`) && labels.split(',').every((label) => l.includes(label)));
      return Number(line?.split(' ').pop() ?? 0);
    };
    expect(count('hookline_http_requests_total', 'method="GET",route="/v1/admin/organizations",status="200"')).toBeGreaterThanOrEqual(5);
    expect(count('hookline_http_request_duration_seconds_count', 'method="GET",route="/v1/admin/organizations",status="200"')).toBeGreaterThanOrEqual(5);
    expect(count('hookline_http_requests_total', 'method="POST",route="/v1/admin/organizations/:id/api-keys",status="401"')).toBeGreaterThanOrEqual(1);
  });

  it('an unreadable audit record is listed to the operator only, and its replay is audited', async () => {
    const orgId = `org_${uniqueSuffix()}`;
    const producer = createKafka({ brokers: testKafkaBrokers, security: testKafkaSecurity(testKafkaBrokers), clientId: 'dead-letter-test', logger: createLogger('dead-letter-test', 'silent') }).producer();
    await producer.connect();
    await producer.send({ topic: topicNames(prefix).audit, messages: [{ key: orgId, value: Buffer.from([0xff, 0xff, 0xff, 0xff]) }] });
    await producer.disconnect();

    const listed = await waitFor(async () => {
      const answer = await api('GET', '/v1/admin/dead-letters?service=audit', OPERATOR_KEY);
      return answer.body?.data?.find((letter: { key: string }) => Buffer.from(letter.key, 'base64').toString() === orgId);
    }, { timeoutMs: 20_000, message: 'the dead letter listed' });
    expect(listed).toMatchObject({ object: 'dead_letter', service: 'audit', consumer: 'audit-store', value: Buffer.from([0xff, 0xff, 0xff, 0xff]).toString('base64'), replay_count: 0 });
    expect((await api('GET', '/v1/admin/dead-letters?service=audit')).status).toBe(401);

    const replayed = await api('POST', `/v1/admin/dead-letters/${listed.id}/replay`, OPERATOR_KEY);
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({ id: listed.id, replay_count: 1, replayed_at: expect.any(String) });
    await expect(accessRecord(replayed.requestId)).resolves.toMatchObject({ action: 'dead_letter.replay', actor_kind: 'operator', http_status: 200 });
    // The replayed record could not be read again: a second dead letter, at its new offset.
    await waitFor(async () => {
      const answer = await api('GET', '/v1/admin/dead-letters?service=audit&consumer=audit-store', OPERATOR_KEY);
      return answer.body.data.filter((letter: { key: string }) => Buffer.from(letter.key, 'base64').toString() === orgId).length === 2;
    }, { timeoutMs: 20_000, message: 'the replay dead-lettered again' });
    expect((await api('POST', '/v1/admin/dead-letters/dlq_0000000000nothing/replay', OPERATOR_KEY)).status).toBeGreaterThanOrEqual(404);
  });
});
