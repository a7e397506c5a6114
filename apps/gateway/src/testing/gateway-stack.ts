// Test support for the gateway's integration suites (imported by *.int-spec.ts only): the
// registry and the gateway as real processes, on fresh schemas and a unique topic prefix
// (libs/testing's platform with only these two).
import { randomBytes } from 'node:crypto';
import { callApi, startPlatform, uniqueTopicPrefix, type ApiAnswer, type Organization, type RequestOptions, type ServiceProcess } from '@hookline/testing';

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
  const platform = await startPlatform({
    services: ['registry', 'gateway'],
    topicPrefix: uniqueTopicPrefix('tgw'),
    freshSchemas: true,
    operatorKey: OPERATOR_KEY,
    // The gateway's own defaults: these suites check its limits and its refusal of plain-HTTP URLs.
    env: { HOOKLINE_ALLOW_INSECURE_URLS: undefined, HOOKLINE_EGRESS_ALLOW_CIDRS: undefined, HOOKLINE_API_RATE_LIMIT_RPS: undefined },
    startTimeoutMs: 60_000,
  });
  let more = 0;
  return {
    registry: platform.service('registry'),
    registrySchema: platform.schemaOf('registry')!,
    gateway: platform.service('gateway'),
    gatewaySchema: platform.schemaOf('gateway')!,
    startGateway: (env) => platform.startInstance(`gateway-${++more}`, 'gateway', env),
    api: (method, path, options = {}, baseUrl = platform.gatewayUrl) => callApi(baseUrl, method, path, options),
    createOrganization: (name) => platform.createOrganization(name),
    stop: () => platform.stop(),
  };
}
