// Test support for the gateway's integration suites (imported by *.int-spec.ts only): the
// registry and the gateway as real processes, on fresh schemas and a unique topic prefix.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  repoRoot,
  startServiceProcess,
  testDatabaseUrl,
  testKafkaBrokers,
  uniqueSuffix,
  uniqueTopicPrefix,
  type ServiceProcess,
} from '@hookline/testing';

export const OPERATOR_KEY = `op_${randomBytes(16).toString('hex')}`;

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: any;
}

export interface RequestOptions {
  /** Bearer token: an `hk_…` key, or OPERATOR_KEY. */
  key?: string;
  body?: unknown;
  /** Sent as is (no JSON encoding), with `contentType`. */
  rawBody?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Organization {
  id: string;
  /** The first admin key (owner `operator`). */
  adminKey: string;
  keyFor(role: 'admin' | 'developer' | 'viewer', owner?: string): Promise<string>;
}

export interface GatewayStack {
  registry: ServiceProcess;
  gateway: ServiceProcess;
  gatewaySchema: string;
  /** Another gateway on the same registry and gateway schema, with different settings. */
  startGateway(env: Record<string, string>): Promise<ServiceProcess>;
  api(method: string, path: string, options?: RequestOptions, baseUrl?: string): Promise<ApiAnswer>;
  createOrganization(name?: string): Promise<Organization>;
  stop(): Promise<void>;
}

export async function startGatewayStack(): Promise<GatewayStack> {
  const suffix = uniqueSuffix();
  const common = {
    DATABASE_URL: testDatabaseUrl,
    KAFKA_BROKERS: testKafkaBrokers,
    HOOKLINE_TOPIC_PREFIX: uniqueTopicPrefix('tgw'),
    LOG_LEVEL: 'warn',
  };
  const registry = await startServiceProcess('registry', {
    ...common,
    HOOKLINE_REGISTRY_DB_SCHEMA: `t_registry_${suffix}`,
    HOOKLINE_MASTER_KEY: randomBytes(32).toString('hex'),
    HOOKLINE_EVENT_CATALOG: join(repoRoot, 'deploy/catalog/example-catalog.yaml'),
  });
  const gatewaySchema = `t_gateway_${suffix}`;
  const started: ServiceProcess[] = [registry];
  const startGateway = async (env: Record<string, string>) => {
    const gateway = await startServiceProcess('gateway', {
      ...common,
      HOOKLINE_GATEWAY_DB_SCHEMA: gatewaySchema,
      HOOKLINE_REGISTRY_ADDR: registry.grpcAddress,
      HOOKLINE_OPERATOR_KEY: OPERATOR_KEY,
      ...env,
    });
    started.push(gateway);
    return gateway;
  };
  let gateway: ServiceProcess;
  try {
    gateway = await startGateway({});
  } catch (error) {
    await registry.stop(5_000);
    throw error;
  }

  const api = async (method: string, path: string, options: RequestOptions = {}, baseUrl = gateway.httpUrl): Promise<ApiAnswer> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    let body: string | Buffer | undefined;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
      if (options.contentType) headers['content-type'] = options.contentType;
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };

  const createOrganization = async (name = `Org ${uniqueSuffix()}`): Promise<Organization> => {
    const created = await api('POST', '/v1/admin/organizations', { key: OPERATOR_KEY, body: { name } });
    if (created.status !== 201) throw new Error(`creating an organization answered ${created.status} ${JSON.stringify(created.body)}`);
    const id: string = created.body.organization.id;
    return {
      id,
      adminKey: created.body.api_key.key,
      keyFor: async (role, owner = `${role}-${uniqueSuffix()}`) => {
        const key = await api('POST', `/v1/admin/organizations/${id}/api-keys`, { key: OPERATOR_KEY, body: { role, owner } });
        if (key.status !== 201) throw new Error(`creating a ${role} key answered ${key.status} ${JSON.stringify(key.body)}`);
        return key.body.key;
      },
    };
  };

  return {
    registry,
    gateway,
    gatewaySchema,
    startGateway,
    api,
    createOrganization,
    stop: async () => {
      await Promise.all(started.reverse().map((p) => p.stop(5_000)));
    },
  };
}
