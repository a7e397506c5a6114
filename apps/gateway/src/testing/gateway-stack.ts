// Test support for the gateway's integration suites (imported by *.int-spec.ts only): the
// registry and the gateway as real processes, on fresh schemas and a unique topic prefix.
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
  type RequestOptions,
  type ServiceProcess,
} from '@hookline/testing';

export const OPERATOR_KEY = `op_${randomBytes(16).toString('hex')}`;

export type { ApiAnswer, Organization, RequestOptions } from '@hookline/testing';

export interface GatewayStack {
  registry: ServiceProcess;
  /** The registry's schema, for suites that check what it stores. */
  registrySchema: string;
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
    // One deployment master key: the registry seals secrets with it, the gateway its replay records.
    HOOKLINE_MASTER_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
  };
  const registrySchema = `t_registry_${suffix}`;
  const registry = await startServiceProcess('registry', {
    ...common,
    HOOKLINE_REGISTRY_DB_SCHEMA: registrySchema,
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

  const api = (method: string, path: string, options: RequestOptions = {}, baseUrl = gateway.httpUrl) => callApi(baseUrl, method, path, options);
  const createOrganization = (name?: string) => createOrganizationVia(gateway.httpUrl, OPERATOR_KEY, name);

  return {
    registry,
    registrySchema,
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
