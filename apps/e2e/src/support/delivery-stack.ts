// The whole delivery path as real processes (registry, ingestion, dispatcher, gateway) on fresh
// schemas and a unique topic prefix, driven only through the public REST API.
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

export interface ApiAnswer {
  status: number;
  body: any;
}

export interface Organization {
  id: string;
  adminKey: string;
  keyFor(role: 'admin' | 'developer' | 'viewer'): Promise<string>;
}

export interface DeliveryStack {
  gatewayUrl: string;
  api(method: string, path: string, options?: { key?: string; body?: unknown }): Promise<ApiAnswer>;
  createOrganization(): Promise<Organization>;
  /** Every service's output so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface DeliveryStackOptions {
  /** The dispatcher's retry schedule after the first attempt, in seconds (e.g. `1,1`). */
  retryScheduleSeconds: string;
}

export async function startDeliveryStack(options: DeliveryStackOptions): Promise<DeliveryStack> {
  const suffix = uniqueSuffix();
  const operatorKey = `op_${randomBytes(16).toString('hex')}`;
  const common = {
    DATABASE_URL: testDatabaseUrl,
    KAFKA_BROKERS: testKafkaBrokers,
    HOOKLINE_TOPIC_PREFIX: uniqueTopicPrefix('te2e'),
    LOG_LEVEL: 'warn',
    HOOKLINE_ALLOW_INSECURE_URLS: 'true',
    HOOKLINE_EGRESS_ALLOW_CIDRS: '127.0.0.0/8',
  };
  const started: ServiceProcess[] = [];
  const output = () => started.map((p) => `--- ${p.name} ---\n${p.output().slice(-3000)}`).join('\n');
  const stop = async () => {
    // Reverse start order: callers first, then the services they call.
    for (const group of [['gateway'], ['dispatcher', 'ingestion'], ['registry']]) {
      await Promise.all(started.filter((p) => group.includes(p.name)).map((p) => p.stop(10_000)));
    }
  };

  try {
    const registry = await startServiceProcess('registry', {
      ...common,
      HOOKLINE_REGISTRY_DB_SCHEMA: `t_registry_e2e_${suffix}`,
      HOOKLINE_MASTER_KEY: randomBytes(32).toString('hex'),
      HOOKLINE_EVENT_CATALOG: join(repoRoot, 'deploy/catalog/example-catalog.yaml'),
    });
    started.push(registry);
    // Ingestion creates the events topic the dispatcher's fan-out consumes, so it comes first.
    const ingestion = await startServiceProcess('ingestion', {
      ...common,
      HOOKLINE_INGESTION_DB_SCHEMA: `t_ingestion_e2e_${suffix}`,
      HOOKLINE_REGISTRY_ADDR: registry.grpcAddress,
      HOOKLINE_EVENTS_TOPIC_PARTITIONS: '2',
    });
    started.push(ingestion);
    const dispatcher = await startServiceProcess('dispatcher', {
      ...common,
      HOOKLINE_DISPATCHER_DB_SCHEMA: `t_dispatcher_e2e_${suffix}`,
      HOOKLINE_REGISTRY_ADDR: registry.grpcAddress,
      HOOKLINE_INGESTION_ADDR: ingestion.grpcAddress,
      HOOKLINE_DELIVERY_PARTITIONS: '4',
      HOOKLINE_RETRY_SCHEDULE_SECONDS: options.retryScheduleSeconds,
      HOOKLINE_RETRY_POLL_MS: '100',
    });
    started.push(dispatcher);
    const gateway = await startServiceProcess('gateway', {
      ...common,
      HOOKLINE_GATEWAY_DB_SCHEMA: `t_gateway_e2e_${suffix}`,
      HOOKLINE_GATEWAY_HOST: '127.0.0.1',
      HOOKLINE_OPERATOR_KEY: operatorKey,
      HOOKLINE_REGISTRY_ADDR: registry.grpcAddress,
      HOOKLINE_INGESTION_ADDR: ingestion.grpcAddress,
      HOOKLINE_DISPATCHER_ADDR: dispatcher.grpcAddress,
      HOOKLINE_API_RATE_LIMIT_RPS: '10000',
    });
    started.push(gateway);

    const api = async (method: string, path: string, { key, body }: { key?: string; body?: unknown } = {}): Promise<ApiAnswer> => {
      const headers: Record<string, string> = {};
      if (key) headers.authorization = `Bearer ${key}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${gateway.httpUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };

    const createOrganization = async (): Promise<Organization> => {
      const created = await api('POST', '/v1/admin/organizations', { key: operatorKey, body: { name: `E2E org ${uniqueSuffix()}` } });
      if (created.status !== 201) throw new Error(`creating an organization answered ${created.status} ${JSON.stringify(created.body)}`);
      const id: string = created.body.organization.id;
      return {
        id,
        adminKey: created.body.api_key.key,
        keyFor: async (role) => {
          const key = await api('POST', `/v1/admin/organizations/${id}/api-keys`, { key: operatorKey, body: { role, owner: `${role}-${uniqueSuffix()}` } });
          if (key.status !== 201) throw new Error(`creating a ${role} key answered ${key.status} ${JSON.stringify(key.body)}`);
          return key.body.key;
        },
      };
    };

    return { gatewayUrl: gateway.httpUrl, api, createOrganization, output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
