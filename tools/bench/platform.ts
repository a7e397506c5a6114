// Starts the platform for a benchmark run (libs/testing's platform harness, on a database of its
// own and the local broker) or connects to a running one.
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createGrpcClient, type GrpcClient } from '@hookline/grpc';
import { ingestionV1 } from '@hookline/proto';
import { SERVICE_NAMES, startPlatform as startHarnessPlatform, type Platform as HarnessPlatform } from '@hookline/testing';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { resolveKafka, resolvePostgres } from '../stack/infrastructure.mjs';
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

/** What every benchmark and chaos platform runs with besides the harness's own settings. */
export function platformSettings(opts: { maxWebhooksPerOrg: number; logLevel?: string }): Record<string, string> {
  return {
    LOG_LEVEL: opts.logLevel ?? 'warn',
    // The registry's limit (10 by default) raised for shapes with more webhooks per organization.
    HOOKLINE_MAX_WEBHOOKS_PER_ORG: String(Math.max(10, opts.maxWebhooksPerOrg)),
    // Mutual TLS between the services: the same local CA and certificates as `npm start`.
    HOOKLINE_TLS_DIR: ensureCertificates(),
  };
}

export async function startPlatform(options: BenchOptions): Promise<Platform> {
  // The benchmark publishes as a platform team's service would: with a publisher certificate.
  const tlsDir: string = ensureCertificates();
  const tls = publisherIdentity('bench', tlsDir);
  const infrastructure = () => ({ kafka: findPids('kafka.Kafka'), postgres: findPids('postgres') });
  if (options.gateway) {
    if (!options.ingestion || !options.operatorKey) throw new Error('--gateway needs --ingestion and --operator-key');
    const services = Object.fromEntries(SERVICE_NAMES.map((name: string) => [name, findPids(`apps/${name}/src/main.ts`)]));
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
  const logs = serviceLogs(options.logsDir);
  let platform: HarnessPlatform;
  try {
    platform = await startHarnessPlatform({
      databaseUrl: postgres.url,
      kafkaBrokers: kafka.brokers,
      kafkaCredentials: kafka.credentialsFile,
      topicPrefix: `bench${Date.now().toString(36)}.`,
      operatorKey: `hkop_${randomBytes(24).toString('base64url')}`,
      env: platformSettings({ maxWebhooksPerOrg: Math.max(...options.profiles.map((p) => p.webhooksPerOrg)), logLevel: options.logLevel }),
      nodeArgs: options.nodeArgs,
      startTimeoutMs: 120_000,
      onLine: (service, line) => {
        logs.write(service, line);
        if (/"level":"(error|fatal)"/.test(line) || !line.startsWith('{')) say(`${service}: ${line}`);
      },
    });
  } catch (error) {
    await logs.close();
    await postgres.stop();
    throw new Error(`platform did not become ready: ${String(error)}`);
  }
  say('platform ready');
  return {
    gateway: platform.gatewayUrl,
    ingestion: createGrpcClient(ingestionV1.IngestionServiceService, platform.service('ingestion').grpcAddress, { tls, peerName: 'ingestion', deadlineMs: 30_000 }),
    operatorKey: platform.operatorKey,
    databaseUrl: postgres.url,
    dispatcherMetricsUrl: `${platform.service('dispatcher').opsUrl}/metrics`,
    processGroups: () => ({ ...infrastructure(), ...Object.fromEntries(platform.services.map((p) => [p.instance, p.child.pid ? [p.child.pid] : []])) }),
    stop: async () => {
      await platform.stop();
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
