// Test support for the registry's integration suites (imported by *.int-spec.ts only).
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@hookline/config';
import { isDomainError } from '@hookline/errors';
import type { HostResolver } from '@hookline/egress';
import { createGrpcClient, type GrpcClient, type TlsIdentity } from '@hookline/grpc';
import { createLogger } from '@hookline/logging';
import { registryV1, type commonV1 } from '@hookline/proto';
import { testDatabaseUrl, testKafkaBrokers, testKafkaServiceEnv, testTls, uniqueSuffix, uniqueTopicPrefix } from '@hookline/testing';
import { Pool } from 'pg';
import { startRegistry, type RunningRegistry } from '../app';
import type { Clock } from '../common/clock';
import { registryEnv } from '../config';

export type RegistryClient = GrpcClient<typeof registryV1.RegistryServiceService>;

/** A clock tests move forward by hand. */
export function manualClock(start = new Date()): Clock & { advance(ms: number): void } {
  let now = start.getTime();
  const clock = (() => new Date(now)) as Clock & { advance(ms: number): void };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

/** Public-looking answers for every name, except the hostile ones a test sets. */
export function fakeResolver(answers: Record<string, string[]> = {}): HostResolver {
  return async (hostname) => answers[hostname] ?? ['93.184.216.34'];
}

export interface TestRegistry {
  registry: RunningRegistry;
  /** Calls as the gateway does (public RPCs carry an end user's context). */
  client: RegistryClient;
  /** Calls as the dispatcher does (routes, delivery config, disable, triggers). */
  dispatcher: RegistryClient;
  /** A client presenting another certificate (e.g. a publisher's). */
  clientFor(tls: TlsIdentity): RegistryClient;
  schema: string;
  topicPrefix: string;
  masterKey: string;
  env: Record<string, string>;
  /** A pool on the suite's schema, to look at rows directly. */
  pool: Pool;
  stop(): Promise<void>;
}

export async function startTestRegistry(
  options: { clock?: Clock; resolve?: HostResolver; env?: Record<string, string | undefined>; schema?: string } = {},
): Promise<TestRegistry> {
  const schema = options.schema ?? `t_registry_${uniqueSuffix()}`;
  const topicPrefix = uniqueTopicPrefix('treg');
  const masterKey = randomBytes(32).toString('hex');
  // A variable given as undefined is left unset (e.g. no master key).
  const given: Record<string, string | undefined> = {
    LOG_LEVEL: 'silent',
    DATABASE_URL: testDatabaseUrl,
    KAFKA_BROKERS: testKafkaBrokers,
    HOOKLINE_TOPIC_PREFIX: topicPrefix,
    HOOKLINE_REGISTRY_DB_SCHEMA: schema,
    HOOKLINE_REGISTRY_PORT: '0',
    HOOKLINE_REGISTRY_OPS_PORT: '0',
    HOOKLINE_MASTER_KEY: masterKey,
    HOOKLINE_EVENT_CATALOG: `${__dirname}/../../../../deploy/catalog/example-catalog.yaml`,
    // Signs in to the broker as the registry's own principal.
    ...(await testKafkaServiceEnv('registry', topicPrefix)),
    ...options.env,
  };
  const env = Object.fromEntries(Object.entries(given).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const config = loadConfig(registryEnv, env);
  const registry = await startRegistry(config, createLogger('registry-test', 'silent'), {
    clock: options.clock,
    resolve: options.resolve ?? fakeResolver(),
  });
  const clients: RegistryClient[] = [];
  const clientFor = (tls: TlsIdentity) => {
    const made = createGrpcClient(registryV1.RegistryServiceService, `127.0.0.1:${registry.grpcPort}`, { tls, peerName: 'registry', deadlineMs: 15_000 });
    clients.push(made);
    return made;
  };
  const client = clientFor(testTls('gateway'));
  const dispatcher = clientFor(testTls('dispatcher'));
  const pool = new Pool({ connectionString: testDatabaseUrl, options: `-c search_path=${schema}`, max: 2 });
  return {
    registry,
    client,
    dispatcher,
    clientFor,
    schema,
    topicPrefix,
    masterKey,
    env,
    pool,
    async stop() {
      clients.forEach((c) => c.close());
      await registry.stop();
      await pool.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
      await pool.end();
    },
  };
}

export const operatorContext = (): commonV1.RequestContext => ({
  actor: { kind: 'operator', keyId: '', owner: 'operator', role: '', orgId: '' },
  requestId: `req_${uniqueSuffix()}`,
  ip: '127.0.0.1',
  userAgent: 'jest',
});

/** The context the gateway would send for an authenticated key. */
export async function contextForKey(client: RegistryClient, key: string): Promise<commonV1.RequestContext> {
  const { actor } = await client.authenticateApiKey({ key });
  return { actor, requestId: `req_${uniqueSuffix()}`, ip: '127.0.0.1', userAgent: 'jest' };
}

export interface TestOrg {
  orgId: string;
  adminKey: string;
  admin: commonV1.RequestContext;
  /** Another key of the org, created by the operator: a principal of its own (its owner). */
  addKey(role: 'admin' | 'developer' | 'viewer', owner: string): Promise<commonV1.RequestContext>;
}

export async function createTestOrg(client: RegistryClient, name = `org ${uniqueSuffix()}`, owner = 'alice@example.com'): Promise<TestOrg> {
  const created = await client.createOrganization({ context: operatorContext(), name, owner });
  const admin = await contextForKey(client, created.key);
  return {
    orgId: created.organization!.id,
    adminKey: created.key,
    admin,
    async addKey(role, keyOwner) {
      const made = await client.createApiKey({ context: operatorContext(), orgId: created.organization!.id, role, owner: keyOwner, name: '' });
      return contextForKey(client, made.key);
    },
  };
}

/** Awaits a rejection and returns the domain error (fails the test when the call succeeds). */
export async function errorOf(promise: Promise<unknown>): Promise<{ kind: string; code: string; param?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return { kind: error.kind, code: error.code, param: error.param, message: error.message };
    throw error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** A minimal valid CreateWebhook request. */
export function webhookRequest(
  context: commonV1.RequestContext,
  overrides: Partial<registryV1.CreateWebhookRequest> = {},
): registryV1.CreateWebhookRequest {
  return { context, orgId: '', name: `hook ${uniqueSuffix()}`, url: 'https://receiver.example.com/hooks', ...overrides };
}
