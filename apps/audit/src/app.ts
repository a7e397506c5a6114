import type { z } from '@hookline/config';
import { parseCertificates, producerKey, ProducerVerifier } from '@hookline/contract';
import { openDatabase } from '@hookline/db';
import { serve, bindService, loadTlsIdentity } from '@hookline/grpc';
import { consumersHealth, createKafka, DeadLetters, deadLetterHandlers, ensureTopics, topicNames, kafkaSecurity } from '@hookline/kafka';
import { shielded, type Logger } from '@hookline/logging';
import { auditV1, deadlettersV1 } from '@hookline/proto';
import { createMetricsRegistry } from '@hookline/telemetry';
import type { auditEnv } from './config';
import { auditMigrations } from './db/migrations';
import { ensureServiceRole, openServicePool } from './db/service-role';
import { pruneExpired } from './retention/prune-expired';
import { auditRecordHandlers } from './rpc/audit-records';
import { ping } from './rpc/ping';
import { startAuditConsumer } from './store/audit-consumer';

export type AuditConfig = z.infer<z.ZodObject<typeof auditEnv>>;

export interface RunningAudit {
  grpcPort: number;
  opsPort: number;
  /** Runs retention once now (also runs on its interval when configured). */
  pruneNow(now?: Date): Promise<number>;
  stop(): Promise<void>;
}

/** Wires the audit service: its append-only schema, the audit topic consumer, its query API. */
export async function startAudit(config: AuditConfig, logger: Logger): Promise<RunningAudit> {
  if (config.HOOKLINE_AUDIT_RETENTION_DAYS && !config.HOOKLINE_AUDIT_CHECKPOINT_KEY) {
    throw new Error('HOOKLINE_AUDIT_CHECKPOINT_KEY: required when HOOKLINE_AUDIT_RETENTION_DAYS is set (it signs retention checkpoints)');
  }
  // Its mutual-TLS identity, checked before anything starts.
  const tls = loadTlsIdentity(config, 'audit');
  // Audit records must prove their producer: signed by a certificate of the same CA (see
  // docs/security.md). The service signs the gap entries it writes with its own key.
  const verifier = new ProducerVerifier(parseCertificates(tls.ca));
  const signer = producerKey(tls.cert, tls.key);
  const metrics = createMetricsRegistry('audit');
  const schema = config.HOOKLINE_AUDIT_DB_SCHEMA;

  // 1. Schema and migrations as the DATABASE_URL user; then a pool running as the append-only role.
  const db = await openDatabase({ url: config.DATABASE_URL, caFile: config.DATABASE_SSL_CA_FILE, poolSize: config.DATABASE_POOL_SIZE, schema, migrations: auditMigrations, logger });
  const role = config.HOOKLINE_AUDIT_DB_ROLE === 'none' ? null : config.HOOKLINE_AUDIT_DB_ROLE;
  const roleReady = role ? await ensureServiceRole(db.pool, schema, role, logger) : false;
  const pool = openServicePool(config.DATABASE_URL, schema, roleReady ? role : null, logger);

  // 2. Consume the audit topic into the chains.
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'audit', logger, security: kafkaSecurity(config) });
  const topic = topicNames(config.HOOKLINE_TOPIC_PREFIX).audit;
  await ensureTopics(kafka, [{ topic, numPartitions: config.HOOKLINE_AUDIT_TOPIC_PARTITIONS }]);
  const consumer = await startAuditConsumer({
    kafka,
    topic,
    groupId: config.HOOKLINE_AUDIT_CONSUMER_GROUP || `${config.HOOKLINE_TOPIC_PREFIX}audit-store`,
    pool,
    verifier,
    signer,
    logger,
    metrics,
    progressIntervalMs: config.HOOKLINE_CONSUMER_PROGRESS_MS,
    stuckAfterMs: config.HOOKLINE_CONSUMER_STUCK_AFTER_SECONDS * 1000,
  });

  // 3. Retention, when configured.
  const retentionDays = config.HOOKLINE_AUDIT_RETENTION_DAYS;
  const checkpointKey = config.HOOKLINE_AUDIT_CHECKPOINT_KEY;
  const pruneNow = async (now = new Date()) =>
    retentionDays && checkpointKey ? pruneExpired(pool, { retentionDays, checkpointKey, verifier }, logger, now) : 0;
  const retentionTimer = retentionDays
    ? setInterval(shielded(logger, 'audit retention', () => pruneNow()), config.HOOKLINE_AUDIT_RETENTION_INTERVAL_MS)
    : null;
  retentionTimer?.unref();

  // 4. Serve the query API and the operator's dead letters.
  const deadLetterApi = deadLetterHandlers('audit', new DeadLetters(pool), kafka);
  const server = await serve({
    name: 'audit',
    logger,
    host: config.HOOKLINE_BIND_HOST,
    tls,
    grpcPort: config.HOOKLINE_AUDIT_PORT,
    opsPort: config.HOOKLINE_AUDIT_OPS_PORT,
    metrics,
    isReady: async () => {
      const health = consumersHealth([consumer]);
      const database = await db.isHealthy();
      return { ready: database && health.healthy, database, consumers: health.consumers };
    },
    services: [
      bindService(auditV1.AuditServiceService, { ping, ...auditRecordHandlers(pool, { checkpointKey, verifier }) }),
      bindService(deadlettersV1.DeadLetterServiceService, { listDeadLetters: deadLetterApi.listDeadLetters, replayDeadLetter: deadLetterApi.replayDeadLetter }),
    ],
  });
  return {
    grpcPort: server.grpcPort,
    opsPort: server.opsPort,
    pruneNow,
    stop: async () => {
      if (retentionTimer) clearInterval(retentionTimer);
      await server.close();
      await consumer.stop();
      await deadLetterApi.close();
      await pool.end();
      await db.close();
    },
  };
}
