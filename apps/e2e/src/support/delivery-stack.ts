// The whole delivery path as real processes (registry, ingestion, dispatcher, gateway) on fresh
// schemas and a unique topic prefix, driven only through the public REST API.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  callApi,
  createOrganization as createOrganizationVia,
  repoRoot,
  startServiceProcess,
  testDatabaseUrl,
  testKafkaBrokers,
  uniqueSuffix,
  uniqueTopicPrefix,
  type ApiAnswer,
  type Organization,
  type ServiceProcess,
} from '@hookline/testing';

export type { ApiAnswer, Organization } from '@hookline/testing';

export interface DeliveryStack {
  gatewayUrl: string;
  /** The operator's key, for `/v1/admin` (catalog, organizations). */
  operatorKey: string;
  /** Every running service process, by name. */
  services: ServiceProcess[];
  api(method: string, path: string, options?: { key?: string; body?: unknown }): Promise<ApiAnswer>;
  createOrganization(): Promise<Organization>;
  /** Every service's output so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface DeliveryStackOptions {
  /** The dispatcher's retry schedule after the first attempt, in seconds (e.g. `1,1`). */
  retryScheduleSeconds: string;
  /** More of the dispatcher's environment (e.g. its SMTP server). */
  dispatcherEnv?: Record<string, string>;
  /** Also run the audit service (the audit log API), as `npm start` does. */
  withAudit?: boolean;
  /** How long each service may take to become ready (a busy CI machine compiles slowly). */
  startTimeoutMs?: number;
  /** A database or broker of the suite's own (suites that stop them); the shared ones otherwise. */
  databaseUrl?: string;
  kafkaBrokers?: string;
  /** Settings every service gets besides the stack's own (e.g. where to export traces). */
  env?: Record<string, string>;
}

export async function startDeliveryStack(options: DeliveryStackOptions): Promise<DeliveryStack> {
  const suffix = uniqueSuffix();
  const operatorKey = `op_${randomBytes(16).toString('hex')}`;
  // One deployment master key: the registry seals secrets with it, the gateway its replay records.
  const masterKey = randomBytes(32).toString('hex');
  const common = {
    DATABASE_URL: options.databaseUrl ?? testDatabaseUrl,
    KAFKA_BROKERS: options.kafkaBrokers ?? testKafkaBrokers,
    HOOKLINE_TOPIC_PREFIX: uniqueTopicPrefix('te2e'),
    LOG_LEVEL: 'warn',
    HOOKLINE_ALLOW_INSECURE_URLS: 'true',
    HOOKLINE_EGRESS_ALLOW_CIDRS: '127.0.0.0/8',
    ...options.env,
  };
  const started: ServiceProcess[] = [];
  const startService = (name: Parameters<typeof startServiceProcess>[0], env: Record<string, string>) => startServiceProcess(name, env, options.startTimeoutMs);
  const output = () => started.map((p) => `--- ${p.name} ---\n${p.output().slice(-3000)}`).join('\n');
  const stop = async () => {
    // Reverse start order: callers first, then the services they call.
    for (const group of [['gateway'], ['dispatcher', 'ingestion', 'audit'], ['registry']]) {
      await Promise.all(started.filter((p) => group.includes(p.name)).map((p) => p.stop(10_000)));
    }
  };

  try {
    const registry = await startService('registry', {
      ...common,
      HOOKLINE_REGISTRY_DB_SCHEMA: `t_registry_e2e_${suffix}`,
      HOOKLINE_MASTER_KEY: masterKey,
      HOOKLINE_EVENT_CATALOG: join(repoRoot, 'deploy/catalog/example-catalog.yaml'),
    });
    started.push(registry);
    // Ingestion creates the events topic the dispatcher's fan-out consumes, so it comes first.
    const ingestion = await startService('ingestion', {
      ...common,
      HOOKLINE_INGESTION_DB_SCHEMA: `t_ingestion_e2e_${suffix}`,
      HOOKLINE_REGISTRY_ADDR: registry.grpcAddress,
      HOOKLINE_EVENTS_TOPIC_PARTITIONS: '2',
    });
    started.push(ingestion);
    const dispatcher = await startService('dispatcher', {
      ...common,
      HOOKLINE_DISPATCHER_DB_SCHEMA: `t_dispatcher_e2e_${suffix}`,
      HOOKLINE_MASTER_KEY: masterKey,
      HOOKLINE_REGISTRY_ADDR: registry.grpcAddress,
      HOOKLINE_INGESTION_ADDR: ingestion.grpcAddress,
      HOOKLINE_DELIVERY_PARTITIONS: '4',
      HOOKLINE_RETRY_SCHEDULE_SECONDS: options.retryScheduleSeconds,
      HOOKLINE_RETRY_POLL_MS: '100',
      ...options.dispatcherEnv,
    });
    started.push(dispatcher);
    const audit = options.withAudit
      ? await startService('audit', { ...common, HOOKLINE_AUDIT_DB_SCHEMA: `t_audit_e2e_${suffix}`, HOOKLINE_AUDIT_DB_ROLE: 'none' })
      : undefined;
    if (audit) started.push(audit);
    const gateway = await startService('gateway', {
      ...common,
      HOOKLINE_GATEWAY_DB_SCHEMA: `t_gateway_e2e_${suffix}`,
      HOOKLINE_GATEWAY_HOST: '127.0.0.1',
      HOOKLINE_OPERATOR_KEY: operatorKey,
      HOOKLINE_MASTER_KEY: masterKey,
      HOOKLINE_REGISTRY_ADDR: registry.grpcAddress,
      HOOKLINE_INGESTION_ADDR: ingestion.grpcAddress,
      HOOKLINE_DISPATCHER_ADDR: dispatcher.grpcAddress,
      ...(audit ? { HOOKLINE_AUDIT_ADDR: audit.grpcAddress } : {}),
      HOOKLINE_API_RATE_LIMIT_RPS: '10000',
    });
    started.push(gateway);

    const api = (method: string, path: string, options: { key?: string; body?: unknown } = {}) => callApi(gateway.httpUrl, method, path, options);
    const createOrganization = () => createOrganizationVia(gateway.httpUrl, operatorKey, `E2E org ${uniqueSuffix()}`);

    return { gatewayUrl: gateway.httpUrl, operatorKey, services: started, api, createOrganization, output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
