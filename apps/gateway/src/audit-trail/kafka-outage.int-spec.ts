import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createKafka } from '@hookline/kafka';
import { createLogger } from '@hookline/logging';
import {
  freePort,
  repoRoot,
  startProcess,
  startServiceProcess,
  testDatabaseUrl,
  testKafkaBrokers,
  uniqueSuffix,
  uniqueTopicPrefix,
  waitFor,
  type ServiceProcess,
  type StartedProcess,
} from '@hookline/testing';

// The gateway and the audit service run on a broker of their own, which this suite stops and
// restarts; the registry (API keys) stays on the shared broker.
const OPERATOR_KEY = `op_${randomBytes(16).toString('hex')}`;
const suffix = uniqueSuffix();
const auditSchema = `t_audit_${suffix}`;

describe('access records survive a Kafka outage', () => {
  const started: ServiceProcess[] = [];
  const db = new Client({ connectionString: testDatabaseUrl });
  let broker: SpareBroker;
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
    broker = await createSpareBroker();
    await broker.start();
    const prefix = uniqueTopicPrefix('tko');
    const [registry, audit] = await Promise.all([
      startServiceProcess('registry', { DATABASE_URL: testDatabaseUrl, KAFKA_BROKERS: testKafkaBrokers, HOOKLINE_TOPIC_PREFIX: prefix, HOOKLINE_REGISTRY_DB_SCHEMA: `t_registry_${suffix}`, HOOKLINE_MASTER_KEY: randomBytes(32).toString('hex') }),
      startServiceProcess('audit', { DATABASE_URL: testDatabaseUrl, KAFKA_BROKERS: broker.brokers, HOOKLINE_TOPIC_PREFIX: prefix, HOOKLINE_AUDIT_DB_SCHEMA: auditSchema }),
    ]);
    started.push(registry, audit);
    gateway = await startServiceProcess('gateway', {
      DATABASE_URL: testDatabaseUrl,
      KAFKA_BROKERS: broker.brokers,
      HOOKLINE_TOPIC_PREFIX: prefix,
      HOOKLINE_GATEWAY_DB_SCHEMA: `t_gateway_${suffix}`,
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
    await waitFor(async () => /hookline_gateway_audit_records_unsent_total\{[^}]*\} [1-9]/.test(await (await fetch(`${gateway.httpUrl}/metrics`)).text()), {
      timeoutMs: 60_000,
      message: 'the gateway to count unsent records',
    });

    await broker.start();
    const ids = during.map((c) => c.requestId);
    await waitFor(async () => (await storedAmong(ids)) === ids.length, { timeoutMs: 90_000, intervalMs: 250, message: 'records made during the outage to arrive' });
    expect(await storedAmong(ids)).toBe(20);
  });
});

interface SpareBroker {
  brokers: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

/** A second, throw-away broker (same jars as tools/kafka/kafka.sh) this suite may stop and restart. */
async function createSpareBroker(): Promise<SpareBroker> {
  const [port, controllerPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'hookline-kafka-'));
  const props = join(dir, 'server.properties');
  writeFileSync(
    props,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      `log.dirs=${join(dir, 'data')}`,
      'num.partitions=1',
      'default.replication.factor=1',
      'min.insync.replicas=1',
      'offsets.topic.replication.factor=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'group.min.session.timeout.ms=1000',
      'offsets.topic.num.partitions=1',
      'num.network.threads=1',
      'num.io.threads=2',
      'background.threads=2',
      'log.cleaner.threads=1',
      'log.cleaner.dedupe.buffer.size=4194304',
    ].join('\n'),
  );
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin/java') : 'java';
  const classpath = join(repoRoot, 'tools/kafka/.cache/libs/*');
  const jvm = ['-Xmx384m', '-Xms128m', `-Dlog4j2.configurationFile=${join(repoRoot, 'tools/kafka/log4j2.properties')}`, '-cp', classpath];
  execFileSync(java, [...jvm, 'kafka.tools.StorageTool', 'format', '-t', randomBytes(16).toString('base64url'), '-c', props], { stdio: 'pipe' });

  const brokers = `127.0.0.1:${port}`;
  let proc: StartedProcess | null = null;
  const logger = createLogger('spare-broker', 'silent');
  const answers = async () => {
    const admin = createKafka({ brokers, clientId: 'spare-probe', logger }).admin();
    try {
      await admin.connect();
      await admin.listTopics();
      return true;
    } finally {
      await admin.disconnect();
    }
  };
  const broker: SpareBroker = {
    brokers,
    async start() {
      proc = startProcess(java, [...jvm, 'kafka.Kafka', props], {});
      await waitFor(answers, { timeoutMs: 90_000, intervalMs: 500, message: `the spare broker on ${brokers}` });
    },
    async stop() {
      await proc?.stop(20_000);
      proc = null;
    },
    async destroy() {
      await broker.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return broker;
}
