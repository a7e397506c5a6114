// Every service as a real process on a database of its own (so a `pg_dump` of it holds only what
// this suite wrote), one master key and a unique topic prefix: what a security review inspects.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  callApi,
  repoRoot,
  startServiceProcess,
  testDatabaseUrl,
  testKafkaBrokers,
  uniqueSuffix,
  uniqueTopicPrefix,
  type ApiAnswer,
  type RequestOptions,
  type ServiceProcess,
} from '@hookline/testing';

/** Five processes start one after another; a busy CI machine may need a while for each. */
const START_TIMEOUT_MS = 150_000;

export interface TrustStack {
  gatewayUrl: string;
  /** The suite's own database (`postgres://…/hookline_trust_…`). */
  databaseUrl: string;
  topicPrefix: string;
  operatorKey: string;
  masterKey: string;
  services: ServiceProcess[];
  api(method: string, path: string, options?: RequestOptions): Promise<ApiAnswer>;
  /** Every service's output so far (JSON logs). */
  logs(): string;
  /** Whether every service answers its readiness probe with 200. */
  allReady(): Promise<boolean>;
  stop(): Promise<void>;
}

export async function startTrustStack(): Promise<TrustStack> {
  const suffix = uniqueSuffix();
  const database = new URL(testDatabaseUrl);
  database.pathname = `/hookline_trust_${suffix}`;
  const databaseUrl = database.toString();
  const operatorKey = `op_${randomBytes(16).toString('hex')}`;
  const masterKey = randomBytes(32).toString('hex');
  const topicPrefix = uniqueTopicPrefix('ttrust');
  const common = {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: testKafkaBrokers,
    HOOKLINE_TOPIC_PREFIX: topicPrefix,
    HOOKLINE_MASTER_KEY: masterKey,
    LOG_LEVEL: 'info',
    HOOKLINE_ALLOW_INSECURE_URLS: 'true',
    HOOKLINE_EGRESS_ALLOW_CIDRS: '127.0.0.0/8',
  };
  const started: ServiceProcess[] = [];
  const stopServices = async () => {
    for (const group of [['gateway'], ['dispatcher', 'ingestion', 'audit'], ['registry']]) {
      await Promise.all(started.filter((p) => group.includes(p.name)).map((p) => p.stop(10_000)));
    }
  };
  const dropDatabase = async () => {
    const admin = new URL(databaseUrl);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(`drop database if exists "hookline_trust_${suffix}" with (force)`);
    } finally {
      await client.end();
    }
  };

  try {
    const registry = await startServiceProcess('registry', { ...common, HOOKLINE_EVENT_CATALOG: join(repoRoot, 'deploy/catalog/example-catalog.yaml') }, START_TIMEOUT_MS);
    started.push(registry);
    const ingestion = await startServiceProcess('ingestion', { ...common, HOOKLINE_REGISTRY_ADDR: registry.grpcAddress }, START_TIMEOUT_MS);
    started.push(ingestion);
    const dispatcher = await startServiceProcess(
      'dispatcher',
      { ...common, HOOKLINE_REGISTRY_ADDR: registry.grpcAddress, HOOKLINE_INGESTION_ADDR: ingestion.grpcAddress, HOOKLINE_RETRY_POLL_MS: '200' },
      START_TIMEOUT_MS,
    );
    started.push(dispatcher);
    const audit = await startServiceProcess('audit', { ...common, HOOKLINE_AUDIT_DB_ROLE: 'none', HOOKLINE_AUDIT_CONSUMER_GROUP: `${topicPrefix}audit-store-${suffix}` }, START_TIMEOUT_MS);
    started.push(audit);
    const gateway = await startServiceProcess('gateway', {
      ...common,
      HOOKLINE_GATEWAY_HOST: '127.0.0.1',
      HOOKLINE_OPERATOR_KEY: operatorKey,
      HOOKLINE_REGISTRY_ADDR: registry.grpcAddress,
      HOOKLINE_INGESTION_ADDR: ingestion.grpcAddress,
      HOOKLINE_DISPATCHER_ADDR: dispatcher.grpcAddress,
      HOOKLINE_AUDIT_ADDR: audit.grpcAddress,
      HOOKLINE_API_RATE_LIMIT_RPS: '100000',
    }, START_TIMEOUT_MS);
    started.push(gateway);

    return {
      gatewayUrl: gateway.httpUrl,
      databaseUrl,
      topicPrefix,
      operatorKey,
      masterKey,
      services: started,
      api: (method, path, options = {}) => callApi(gateway.httpUrl, method, path, options),
      logs: () => started.map((p) => `--- ${p.name} ---\n${p.output()}`).join('\n'),
      allReady: async () => {
        const answers = await Promise.all(started.map((p) => fetch(`${p.httpUrl}/readyz`).then((r) => r.status, () => 0)));
        return answers.every((status) => status === 200);
      },
      stop: async () => {
        await stopServices();
        await dropDatabase();
      },
    };
  } catch (error) {
    await stopServices();
    await dropDatabase().catch(() => undefined);
    throw error;
  }
}
