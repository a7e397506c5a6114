// Starts the platform for a benchmark run (or connects to a running one) and sets up an
// organization with N webhooks pointing at the local receiver.
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createGrpcClient, type GrpcClient } from '@hookline/grpc';
import { ingestionV1 } from '@hookline/proto';
import { freePort } from '@hookline/testing';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { resolveKafka, resolvePostgres, root } from '../stack/infrastructure.mjs';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { provisionKafkaAccess } from '../stack/kafka-access.mjs';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { launchServices, SERVICES, waitReady } from '../stack/launch.mjs';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { ensureCertificates, publisherIdentity } from '../certs/certificates.mjs';
import type { BenchOptions } from './options';
import { findPids } from './process-stats';

export interface Platform {
  gateway: string;
  ingestion: GrpcClient<typeof ingestionV1.IngestionServiceService>;
  operatorKey: string;
  /** The platform's database (delivery rows are counted there), when known. */
  databaseUrl?: string;
  /** The dispatcher's Prometheus endpoint, when this run started it. */
  dispatcherMetricsUrl?: string;
  /** Process groups whose CPU and memory are reported: name → pids (looked up when asked). */
  processGroups(): Record<string, number[]>;
  stop(): Promise<void>;
}

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);

export async function recreateDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`drop database if exists "${name}" with (force)`);
  await client.query(`create database "${name}"`);
  await client.end();
}

/**
 * With `--logs DIR`: each service's lines appended to DIR/<service>.log, through one stream per
 * service (no synchronous write on the bench's event loop, which also publishes and measures).
 */
function serviceLogs(dir: string | undefined): { write(service: string, line: string): void; close(): Promise<void> } {
  const files = new Map<string, WriteStream>();
  if (dir) mkdirSync(dir, { recursive: true });
  return {
    write: (service, line) => {
      if (!dir) return;
      let file = files.get(service);
      if (!file) files.set(service, (file = createWriteStream(join(dir, `${service}.log`), { flags: 'a' })));
      file.write(`${line}\n`);
    },
    close: async () => {
      await Promise.all([...files.values()].map((file) => new Promise((resolve) => file.end(resolve))));
    },
  };
}

export interface PlatformEnv {
  env: Record<string, string | undefined>;
  /** HOOKLINE_<NAME> → port, e.g. GATEWAY_PORT, DISPATCHER_OPS_PORT. */
  ports: Record<string, number>;
  operatorKey: string;
}

/**
 * The environment of a whole platform on free ports (so a run never collides with `npm start`):
 * one place for what every service needs, shared by the benchmark and the chaos suite.
 */
export async function platformEnv(opts: { databaseUrl: string; kafkaBrokers: string; kafkaCredentials?: string; topicPrefix: string; maxWebhooksPerOrg: number; logLevel?: string }): Promise<PlatformEnv> {
  const operatorKey = `hkop_${randomBytes(24).toString('base64url')}`;
  const ports: Record<string, number> = {};
  for (const name of ['GATEWAY_PORT', 'GATEWAY_OPS_PORT', 'REGISTRY_PORT', 'REGISTRY_OPS_PORT', 'INGESTION_PORT', 'INGESTION_OPS_PORT', 'DISPATCHER_PORT', 'DISPATCHER_OPS_PORT', 'AUDIT_PORT', 'AUDIT_OPS_PORT']) {
    ports[name] = await freePort();
  }
  const env = {
    ...process.env,
    LOG_LEVEL: opts.logLevel ?? 'warn',
    DATABASE_URL: opts.databaseUrl,
    KAFKA_BROKERS: opts.kafkaBrokers,
    // The broker's users (launch.mjs gives each service its own); none for a plaintext broker.
    HOOKLINE_KAFKA_CREDENTIALS: opts.kafkaCredentials,
    HOOKLINE_TOPIC_PREFIX: opts.topicPrefix,
    HOOKLINE_OPERATOR_KEY: operatorKey,
    HOOKLINE_MASTER_KEY: randomBytes(32).toString('hex'),
    HOOKLINE_ALLOW_INSECURE_URLS: 'true',
    HOOKLINE_EGRESS_ALLOW_CIDRS: '127.0.0.0/8',
    // The registry's limit (10 by default) raised for shapes with more webhooks per organization.
    HOOKLINE_MAX_WEBHOOKS_PER_ORG: String(Math.max(10, opts.maxWebhooksPerOrg)),
    HOOKLINE_API_RATE_LIMIT_RPS: '10000',
    HOOKLINE_EVENT_CATALOG: join(root, 'deploy/catalog/example-catalog.yaml'),
    // Mutual TLS between the services: the same local CA and certificates as `npm start`.
    HOOKLINE_TLS_DIR: ensureCertificates(),
    ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [`HOOKLINE_${name}`, String(port)])),
    HOOKLINE_REGISTRY_ADDR: `127.0.0.1:${ports.REGISTRY_PORT}`,
    HOOKLINE_INGESTION_ADDR: `127.0.0.1:${ports.INGESTION_PORT}`,
    HOOKLINE_DISPATCHER_ADDR: `127.0.0.1:${ports.DISPATCHER_PORT}`,
    HOOKLINE_AUDIT_ADDR: `127.0.0.1:${ports.AUDIT_PORT}`,
  };
  return { env, ports, operatorKey };
}

export async function startPlatform(options: BenchOptions): Promise<Platform> {
  // The benchmark publishes as a platform team's service would: with a publisher certificate.
  const tlsDir: string = ensureCertificates();
  const tls = publisherIdentity('bench', tlsDir);
  const infrastructure = () => ({ kafka: findPids('kafka.Kafka'), postgres: findPids('postgres') });
  if (options.gateway) {
    if (!options.ingestion || !options.operatorKey) throw new Error('--gateway needs --ingestion and --operator-key');
    const services = Object.fromEntries(SERVICES.map((name: string) => [name, findPids(`apps/${name}/src/main.ts`)]));
    return {
      gateway: options.gateway,
      ingestion: createGrpcClient(ingestionV1.IngestionServiceService, options.ingestion, { tls, peerName: 'ingestion', deadlineMs: 30_000 }),
      operatorKey: options.operatorKey,
      databaseUrl: options.databaseUrl,
      processGroups: () => ({ ...infrastructure(), ...services }),
      stop: async () => undefined,
    };
  }
  const postgres = await resolvePostgres(say, 'hookline_bench');
  await recreateDatabase(postgres.url);
  const kafka = resolveKafka(say);
  const topicPrefix = `bench${Date.now().toString(36)}.`;
  provisionKafkaAccess(kafka, topicPrefix);
  const { env, ports, operatorKey } = await platformEnv({ databaseUrl: postgres.url, kafkaBrokers: kafka.brokers, kafkaCredentials: kafka.credentialsFile, topicPrefix, maxWebhooksPerOrg: Math.max(...options.profiles.map((p) => p.webhooksPerOrg)), logLevel: options.logLevel });
  const logs = serviceLogs(options.logsDir);
  let failed: string | undefined;
  const services = launchServices({
    env,
    nodeArgs: options.nodeArgs,
    log: (service: string, line: string) => {
      logs.write(service, line);
      if (/"level":"(error|fatal)"/.test(line) || !line.startsWith('{')) say(`${service}: ${line}`);
    },
    onExit: (service: string, how: string) => {
      failed = `${service} exited (${how})`;
    },
  });
  const gateway = `http://127.0.0.1:${ports.GATEWAY_PORT}`;
  if (!(await waitReady(`${gateway}/readyz?all=true`, 120_000, () => failed !== undefined))) {
    await services.stop();
    await logs.close();
    throw new Error(`platform did not become ready: ${failed ?? 'timeout'}`);
  }
  say('platform ready');
  const children = services.children as Map<string, { pid?: number }>;
  return {
    gateway,
    ingestion: createGrpcClient(ingestionV1.IngestionServiceService, `127.0.0.1:${ports.INGESTION_PORT}`, { tls, peerName: 'ingestion', deadlineMs: 30_000 }),
    operatorKey,
    databaseUrl: postgres.url,
    dispatcherMetricsUrl: `http://127.0.0.1:${ports.DISPATCHER_OPS_PORT}/metrics`,
    processGroups: () => ({ ...infrastructure(), ...Object.fromEntries([...children].map(([name, child]) => [name, child.pid ? [child.pid] : []])) }),
    stop: async () => {
      await services.stop();
      await logs.close();
      await postgres.stop();
    },
  };
}

export async function call(base: string, key: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}
