import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  startServiceProcess,
  testDatabaseUrl,
  testKafkaBrokers,
  uniqueSuffix,
  uniqueTopicPrefix,
  startOwnKafkaBroker,
  waitFor,
  type OwnKafkaBroker,
  type ServiceProcess,
} from '@hookline/testing';

// The gateway and the audit service run on a broker of their own, which this suite stops and
// restarts; the registry (API keys) stays on the shared broker.
const OPERATOR_KEY = `op_${randomBytes(16).toString('hex')}`;
const suffix = uniqueSuffix();
const auditSchema = `t_audit_${suffix}`;

describe('access records survive a Kafka outage', () => {
  const started: ServiceProcess[] = [];
  const db = new Client({ connectionString: testDatabaseUrl });
  let broker: OwnKafkaBroker;
  let gateway: ServiceProcess;

  const call = async (path: string, key: string) => {
    const res = await fetch(`${gateway.httpUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
    await res.text();
    return { status: res.status, requestId: res.headers.get('request-id')! };
  };
  const storedAmong = async (requestIds: string[]) =>
    Number((await db.query(`select count(*) from ${auditSchema}.audit_record where request_id = any($1)`, [requestIds])).rows[0].count);

  beforeAll(async () => {
    await db.connect();
    broker = await startOwnKafkaBroker();
    const masterKey = randomBytes(32).toString('hex');
    const prefix = uniqueTopicPrefix('tko');
    const [registry, audit] = await Promise.all([
      startServiceProcess('registry', { DATABASE_URL: testDatabaseUrl, KAFKA_BROKERS: testKafkaBrokers, HOOKLINE_TOPIC_PREFIX: prefix, HOOKLINE_REGISTRY_DB_SCHEMA: `t_registry_${suffix}`, HOOKLINE_MASTER_KEY: masterKey }),
      startServiceProcess('audit', { DATABASE_URL: testDatabaseUrl, KAFKA_BROKERS: broker.brokers, HOOKLINE_TOPIC_PREFIX: prefix, HOOKLINE_AUDIT_DB_SCHEMA: auditSchema }),
    ]);
    started.push(registry, audit);
    gateway = await startServiceProcess('gateway', {
      DATABASE_URL: testDatabaseUrl,
      KAFKA_BROKERS: broker.brokers,
      HOOKLINE_TOPIC_PREFIX: prefix,
      HOOKLINE_GATEWAY_DB_SCHEMA: `t_gateway_${suffix}`,
      HOOKLINE_MASTER_KEY: masterKey,
      HOOKLINE_REGISTRY_ADDR: registry.grpcAddress,
      HOOKLINE_AUDIT_ADDR: audit.grpcAddress,
      HOOKLINE_OPERATOR_KEY: OPERATOR_KEY,
    });
    started.push(gateway);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(started.reverse().map((p) => p.stop(10_000)));
    await broker?.destroy();
    await db.end();
  });

  it('with the broker down API calls still succeed; their records arrive once it is back (count before = count after)', async () => {
    const created = await fetch(`${gateway.httpUrl}/v1/admin/organizations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OPERATOR_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Outage Org' }),
    }).then((res) => res.json() as Promise<{ api_key: { key: string } }>);
    const key: string = created.api_key.key;
    const before = await Promise.all(Array.from({ length: 5 }, () => call('/v1/webhooks', key)));
    await waitFor(async () => (await storedAmong(before.map((c) => c.requestId))) === 5, { timeoutMs: 30_000, message: 'records sent while Kafka is up' });

    await broker.stop();
    const during = [];
    for (let i = 0; i < 20; i++) during.push(await call('/v1/webhooks', key));
    expect(during.map((c) => c.status)).toEqual(Array(20).fill(200));
    await waitFor(async () => /hookline_gateway_audit_records_unsent_total\{[^}]*\} [1-9]/.test(await (await fetch(`${gateway.opsUrl}/metrics`)).text()), {
      timeoutMs: 60_000,
      message: 'the gateway to count unsent records',
    });

    await broker.start();
    const ids = during.map((c) => c.requestId);
    await waitFor(async () => (await storedAmong(ids)) === ids.length, { timeoutMs: 90_000, intervalMs: 250, message: 'records made during the outage to arrive' });
    expect(await storedAmong(ids)).toBe(20);
  });
});
