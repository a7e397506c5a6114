import type { z } from '@hookline/config';
import { isSchemaMode } from '@hookline/contract';
import { openDatabase } from '@hookline/db';
import { createGrpcClient, serve, bindService, loadTlsIdentity } from '@hookline/grpc';
import { createIdGenerator } from '@hookline/ids';
import { BatchingProducer, consumersHealth, createKafka, DeadLetters, deadLetterHandlers, ensureTopics, topicNames, kafkaSecurity } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { deadlettersV1, ingestionV1, registryV1 } from '@hookline/proto';
import { Counter, createMetricsRegistry } from '@hookline/telemetry';
import { startArchiveConsumer } from './archive/archive-consumer';
import { scheduleRetention } from './archive/retention-job';
import type { ingestionEnv } from './config';
import { EventArchive } from './db/event-archive';
import { IdempotencyKeys } from './db/idempotency-keys';
import { migrations } from './db/migrations';
import { DataSchemas } from './publish/data-schemas';
import { EventTypeCatalog } from './publish/event-type-catalog';
import { Organizations } from './publish/organizations';
import { Publisher } from './publish/publisher';
import { eventsRpc } from './rpc/events';
import { ping } from './rpc/ping';
import { publishRpc } from './rpc/publish';

export type IngestionConfig = z.infer<z.ZodObject<typeof ingestionEnv>>;

export interface RunningIngestion {
  grpcPort: number;
  opsPort: number;
  stop(): Promise<void>;
}

/** Wires the ingestion: database, registry lookups, Kafka producer and archive consumer, gRPC API. */
export async function startIngestion(config: IngestionConfig, logger: Logger): Promise<RunningIngestion> {
  // Its mutual-TLS identity, checked before anything starts: it serves and calls with it.
  const tls = loadTlsIdentity(config, 'ingestion');
  const metrics = createMetricsRegistry('ingestion');
  const published = new Counter({ name: 'hookline_events_published_total', help: 'Events acknowledged by Kafka', registers: [metrics] });
  const archived = new Counter({ name: 'hookline_events_archived_total', help: 'Events copied to PostgreSQL', registers: [metrics] });
  const schemaViolations = new Counter({
    name: 'hookline_schema_violations_total',
    help: 'Published data that broke its type\'s schema: refused (mode enforce) or accepted (mode warn)',
    labelNames: ['event_type', 'mode'],
    registers: [metrics],
  });

  // 1. Storage: the archive and the idempotency keys live in the ingestion schema.
  const db = await openDatabase({ url: config.DATABASE_URL, caFile: config.DATABASE_SSL_CA_FILE, poolSize: config.DATABASE_POOL_SIZE, schema: config.HOOKLINE_INGESTION_DB_SCHEMA, migrations, logger });
  const archive = new EventArchive(db.pool);
  const idempotencyKeys = new IdempotencyKeys(db.pool, {
    windowHours: 24,
    attemptTimeoutSeconds: Math.ceil((2 * config.HOOKLINE_PUBLISH_TIMEOUT_MS) / 1000) + 10,
  });

  // 2. The registry answers which organizations and event types exist; both are cached.
  const registry = createGrpcClient(registryV1.RegistryServiceService, config.HOOKLINE_REGISTRY_ADDR, { tls, metrics, deadlineMs: 2_000, peerName: 'registry' });
  const organizations = new Organizations(async (orgId) => {
    await registry.getOrganization({ orgId });
  });
  // Data schemas are compiled as the catalog is read, off the publish path.
  const dataSchemas = new DataSchemas((type, version, error) => logger.warn({ err: error, eventType: type, schemaVersion: version }, 'data schema does not compile: type not checked'));
  const catalog = new EventTypeCatalog({
    load: async () => {
      const entries = (await registry.listEventTypes({})).eventTypes.map(({ type, group, schemaJson, schemaMode, schemaVersion }) => ({
        type,
        group,
        schema: { schemaJson, mode: isSchemaMode(schemaMode) ? schemaMode : ('off' as const), version: schemaVersion },
      }));
      dataSchemas.prepare(entries);
      return entries;
    },
    logger,
    refreshMs: config.HOOKLINE_CATALOG_REFRESH_MS,
  });
  catalog.start();

  // 3. Kafka: the events topic, one batching producer (acks=all), the archive consumer.
  const topics = topicNames(config.HOOKLINE_TOPIC_PREFIX);
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'ingestion', logger, security: kafkaSecurity(config) });
  await ensureTopics(kafka, [{ topic: topics.events, numPartitions: config.HOOKLINE_EVENTS_TOPIC_PARTITIONS }]);
  const producer = new BatchingProducer(kafka);
  await producer.connect();
  const deadLetters = new DeadLetters(db.pool);
  const deadLetterApi = deadLetterHandlers('ingestion', deadLetters, kafka);
  const archiveConsumer = await startArchiveConsumer({
    kafka,
    topic: topics.events,
    groupId: `${config.HOOKLINE_TOPIC_PREFIX}ingestion-archive`,
    archive,
    logger,
    metrics,
    deadLetters,
    progressIntervalMs: config.HOOKLINE_CONSUMER_PROGRESS_MS,
    stuckAfterMs: config.HOOKLINE_CONSUMER_STUCK_AFTER_SECONDS * 1000,
    onArchived: (count) => archived.inc(count),
  });
  const retention = scheduleRetention({
    archive,
    idempotencyKeys,
    retentionDays: config.HOOKLINE_EVENT_RETENTION_DAYS,
    intervalMs: config.HOOKLINE_EVENT_CLEANUP_INTERVAL_MS,
    logger,
  });

  const publisher = new Publisher({
    organizations,
    catalog,
    dataSchemas,
    onSchemaViolation: (type, mode) => schemaViolations.inc({ event_type: type, mode }),
    idempotencyKeys,
    ids: createIdGenerator(),
    produce: async (messages) => {
      await producer.send(topics.events, messages);
      published.inc(messages.length);
    },
    source: config.HOOKLINE_EVENT_SOURCE,
    maxEventBytes: config.HOOKLINE_MAX_EVENT_BYTES,
    produceTimeoutMs: config.HOOKLINE_PUBLISH_TIMEOUT_MS,
    onWarning: (error, message) => logger.warn({ err: error }, message),
  });

  // 4. Serve.
  const server = await serve({
    name: 'ingestion',
    logger,
    host: config.HOOKLINE_BIND_HOST,
    tls,
    grpcPort: config.HOOKLINE_INGESTION_PORT,
    opsPort: config.HOOKLINE_INGESTION_OPS_PORT,
    metrics,
    isReady: async () => {
      const health = consumersHealth([archiveConsumer]);
      const database = await db.isHealthy();
      return { ready: database && health.healthy, database, consumers: health.consumers };
    },
    services: [
      bindService(ingestionV1.IngestionServiceService, { ping, ...publishRpc(publisher), ...eventsRpc(archive, { retentionDays: config.HOOKLINE_EVENT_RETENTION_DAYS }) }),
      bindService(deadlettersV1.DeadLetterServiceService, { listDeadLetters: deadLetterApi.listDeadLetters, replayDeadLetter: deadLetterApi.replayDeadLetter }),
    ],
  });
  return {
    grpcPort: server.grpcPort,
    opsPort: server.opsPort,
    stop: async () => {
      await server.close();
      catalog.stop();
      retention.stop();
      await archiveConsumer.stop();
      await deadLetterApi.close();
      await producer.disconnect();
      registry.close();
      await db.close();
    },
  };
}
