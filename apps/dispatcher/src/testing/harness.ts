import { randomBytes } from 'node:crypto';
// Wiring for dispatcher integration suites: fresh schema and topic prefix, fake registry and
// ingestion (see their headers), real Kafka and PostgreSQL, the dispatcher in-process or as a process.
import { z } from '@hookline/config';
import { createKafka, ensureTopics, topicNames, type Kafka } from '@hookline/kafka';
import { createLogger } from '@hookline/logging';
import { testDatabaseUrl, testKafkaBrokers, testKafkaSecurity, testKafkaServiceEnv, uniqueSuffix, uniqueTopicPrefix } from '@hookline/testing';
import { Pool } from 'pg';
import { startDispatcher, type DispatcherOverrides, type RunningDispatcher } from '../app';
import { dispatcherEnv } from '../config';
import { FakeIngestion } from './fake-ingestion';
import { FakeRegistry } from './fake-registry';

export const logger = createLogger('dispatcher-test', 'silent');

export interface Stack {
  kafka: Kafka;
  registry: FakeRegistry;
  ingestion: FakeIngestion;
  /** A pg pool on the suite's dispatcher schema, for assertions. */
  db: Pool;
  /** Environment for a dispatcher (in-process or as a process). */
  env: Record<string, string>;
  startDispatcher(overrides?: DispatcherOverrides, env?: Record<string, string>): Promise<RunningDispatcher>;
  stop(): Promise<void>;
}

export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const prefix = uniqueTopicPrefix();
  const schema = `t_dispatcher_${uniqueSuffix()}`;
  const topics = topicNames(prefix);
  const kafka = createKafka({ brokers: testKafkaBrokers, security: testKafkaSecurity(testKafkaBrokers), clientId: 'dispatcher-test', logger });
  await ensureTopics(kafka, [
    { topic: topics.events, numPartitions: 4 },
    { topic: topics.deliveries, numPartitions: 8 },
    { topic: topics.webhookChanges, numPartitions: 1, config: { 'cleanup.policy': 'compact' } },
  ]);
  const registry = new FakeRegistry(kafka, topics.webhookChanges, logger);
  const ingestion = new FakeIngestion(kafka, topics.events, logger);
  await Promise.all([registry.start(), ingestion.start()]);
  const fullEnv: Record<string, string> = {
    DATABASE_URL: testDatabaseUrl,
    KAFKA_BROKERS: testKafkaBrokers,
    HOOKLINE_TOPIC_PREFIX: prefix,
    HOOKLINE_DISPATCHER_DB_SCHEMA: schema,
    HOOKLINE_REGISTRY_ADDR: registry.address,
    HOOKLINE_INGESTION_ADDR: ingestion.address,
    HOOKLINE_EGRESS_ALLOW_CIDRS: '127.0.0.0/8',
    HOOKLINE_DISPATCHER_PORT: '0',
    HOOKLINE_DISPATCHER_OPS_PORT: '0',
    HOOKLINE_DELIVERY_PARTITIONS: '8',
    HOOKLINE_RETRY_POLL_MS: '100',
    HOOKLINE_MASTER_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    // Signs in to the broker as the dispatcher's own principal (the fakes use the administrator).
    ...(await testKafkaServiceEnv('dispatcher', prefix)),
    ...env,
  };
  const db = new Pool({ connectionString: testDatabaseUrl, max: 3, options: `-c search_path=${schema}` });
  const running: RunningDispatcher[] = [];
  return {
    kafka,
    registry,
    ingestion,
    db,
    env: fullEnv,
    async startDispatcher(overrides = {}, extraEnv = {}) {
      const config = z.object(dispatcherEnv).parse({ ...fullEnv, ...extraEnv });
      const dispatcher = await startDispatcher(config, logger, overrides);
      running.push(dispatcher);
      return dispatcher;
    },
    async stop() {
      for (const dispatcher of running) await dispatcher.stop();
      await Promise.all([registry.stop(), ingestion.stop()]);
      await db.end();
    },
  };
}

type Row = Record<string, any>;

export async function deliveryRows(db: Pool, webhookId: string): Promise<Row[]> {
  const result = await db.query('select * from delivery where webhook_id = $1 order by created_at', [webhookId]);
  return result.rows;
}

export async function attemptRows(db: Pool, deliveryId: string): Promise<Row[]> {
  const result = await db.query('select * from attempt where delivery_id = $1 order by number, started_at', [deliveryId]);
  return result.rows;
}

/** The array when it has elements, else undefined (for `waitFor`). */
export function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}
