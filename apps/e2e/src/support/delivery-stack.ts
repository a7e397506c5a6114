// The whole delivery path as real processes (registry, ingestion, dispatcher, gateway; audit
// when asked) on fresh schemas and a unique topic prefix, driven only through the public REST
// API: libs/testing's platform with the delivery suites' settings.
import { startPlatform, uniqueSuffix, type ApiAnswer, type Organization, type Platform, type ServiceProcess } from '@hookline/testing';

export type { ApiAnswer, Organization } from '@hookline/testing';

export interface DeliveryStack {
  gatewayUrl: string;
  /** The operator's key, for `/v1/admin` (catalog, organizations). */
  operatorKey: string;
  /** Every running service process. */
  services: ServiceProcess[];
  /** The platform underneath, for suites that stop or restart a service. */
  platform: Platform;
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
  const platform = await startPlatform({
    services: ['registry', 'ingestion', 'dispatcher', ...(options.withAudit ? (['audit'] as const) : []), 'gateway'],
    databaseUrl: options.databaseUrl,
    kafkaBrokers: options.kafkaBrokers,
    topicPrefix: `te2e${uniqueSuffix()}.`,
    freshSchemas: true,
    startTimeoutMs: options.startTimeoutMs ?? 60_000,
    env: options.env,
    serviceEnv: {
      // Ingestion creates the events topic the dispatcher's fan-out consumes; it starts first.
      ingestion: { HOOKLINE_EVENTS_TOPIC_PARTITIONS: '2' },
      dispatcher: {
        HOOKLINE_DELIVERY_PARTITIONS: '4',
        HOOKLINE_RETRY_SCHEDULE_SECONDS: options.retryScheduleSeconds,
        HOOKLINE_RETRY_POLL_MS: '100',
        ...options.dispatcherEnv,
      },
    },
  });
  return {
    gatewayUrl: platform.gatewayUrl,
    operatorKey: platform.operatorKey,
    get services() {
      return platform.services;
    },
    platform,
    api: (method, path, requestOptions = {}) => platform.api(method, path, requestOptions),
    createOrganization: () => platform.createOrganization(`E2E org ${uniqueSuffix()}`),
    output: () => platform.output(),
    stop: () => platform.stop(),
  };
}
