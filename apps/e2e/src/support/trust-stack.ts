// Every service as a real process on a database of its own (so a `pg_dump` of it holds only what
// this suite wrote), one master key and a unique topic prefix: what a security review inspects.
// libs/testing's platform with the trust suite's settings.
import { Client } from 'pg';
import { startPlatform, testDatabaseUrl, uniqueSuffix, uniqueTopicPrefix, type ApiAnswer, type RequestOptions, type ServiceProcess } from '@hookline/testing';

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
  const topicPrefix = uniqueTopicPrefix('ttrust');
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
    const platform = await startPlatform({
      databaseUrl,
      topicPrefix,
      startTimeoutMs: START_TIMEOUT_MS,
      env: { LOG_LEVEL: 'info', HOOKLINE_API_RATE_LIMIT_RPS: '100000' },
      serviceEnv: { dispatcher: { HOOKLINE_RETRY_POLL_MS: '200' }, audit: { HOOKLINE_AUDIT_CONSUMER_GROUP: `${topicPrefix}audit-store-${suffix}` } },
    });
    return {
      gatewayUrl: platform.gatewayUrl,
      databaseUrl,
      topicPrefix,
      operatorKey: platform.operatorKey,
      masterKey: platform.masterKey,
      services: platform.services,
      api: (method, path, options = {}) => platform.api(method, path, options),
      logs: () => platform.output(Number.POSITIVE_INFINITY),
      allReady: async () => (await Promise.all(platform.services.map((p) => platform.isReady(p.instance)))).every(Boolean),
      stop: async () => {
        await platform.stop();
        await dropDatabase();
      },
    };
  } catch (error) {
    await dropDatabase().catch(() => undefined);
    throw error;
  }
}
