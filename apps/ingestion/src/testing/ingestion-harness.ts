import { loadConfig } from '@hookline/config';
import { createGrpcClient, type GrpcClient } from '@hookline/grpc';
import { createLogger } from '@hookline/logging';
import { ingestionV1 } from '@hookline/proto';
import { testDatabaseUrl, testKafkaBrokers, testKafkaServiceEnv, testTls, uniqueSuffix, uniqueTopicPrefix } from '@hookline/testing';
import { startIngestion, type RunningIngestion } from '../app';
import { ingestionEnv } from '../config';

export type IngestionClient = GrpcClient<typeof ingestionV1.IngestionServiceService>;

/** The environment of one isolated ingestion under test (fresh schema and topic prefix). */
export function ingestionTestEnv(registryAddress: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: testDatabaseUrl,
    KAFKA_BROKERS: testKafkaBrokers,
    HOOKLINE_TOPIC_PREFIX: uniqueTopicPrefix('ti'),
    HOOKLINE_INGESTION_DB_SCHEMA: `t_ingestion_${uniqueSuffix()}`,
    HOOKLINE_REGISTRY_ADDR: registryAddress,
    HOOKLINE_EVENTS_TOPIC_PARTITIONS: '3',
    ...overrides,
  };
}

/** Starts ingestion in this process on free ports; returns it with a gRPC client. */
export async function startIngestionInProcess(env: Record<string, string>): Promise<{ ingestion: RunningIngestion; client: IngestionClient }> {
  // Signs in to the broker as ingestion's own principal.
  const kafka = env.KAFKA_BROKERS && !env.KAFKA_SASL_USERNAME ? await testKafkaServiceEnv('ingestion', env.HOOKLINE_TOPIC_PREFIX ?? '', env.KAFKA_BROKERS) : {};
  const config = loadConfig(ingestionEnv, { ...kafka, ...env, HOOKLINE_INGESTION_PORT: '0', HOOKLINE_INGESTION_OPS_PORT: '0' });
  const ingestion = await startIngestion(config, createLogger('ingestion-test', 'silent'));
  const client = createGrpcClient(ingestionV1.IngestionServiceService, `127.0.0.1:${ingestion.grpcPort}`, { tls: testTls('gateway'), peerName: 'ingestion', deadlineMs: 10_000 });
  return { ingestion, client };
}

export const publishRequest = (overrides: Partial<ingestionV1.PublishRequest> = {}): ingestionV1.PublishRequest => ({
  orgId: 'org_a',
  type: 'transfer.completed',
  dataJson: JSON.stringify({ amount: 100 }),
  idempotencyKey: '',
  isTest: false,
  targetWebhookId: '',
  ...overrides,
});
