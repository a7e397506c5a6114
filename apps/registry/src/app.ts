import type { z } from '@hookline/config';
import { openDatabase } from '@hookline/db';
import { parseEgressAllowList, type HostResolver } from '@hookline/egress';
import { producerKey } from '@hookline/contract';
import { serve, bindService, loadTlsIdentity } from '@hookline/grpc';
import { BatchingProducer, createKafka, topicNames, kafkaSecurity } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { registryV1 } from '@hookline/proto';
import { createMetricsRegistry } from '@hookline/telemetry';
import { systemClock, type Clock } from './common/clock';
import type { RegistryDeps } from './common/deps';
import type { registryEnv } from './config';
import { registryEntities } from './db/entities';
import { registryMigrations } from './db/migrations';
import { registerRegistryGauges } from './domain-metrics/registry-gauges';
import { seedCatalog } from './event-types/catalog';
import { loadCatalogFile } from './event-types/load-catalog-file';
import { ensureOutboxTopics, startOutboxRelay, type OutboxRelay } from './outbox/relay';
import { apiKeyHandlers } from './rpc/api-keys';
import { approvalHandlers } from './rpc/approvals';
import { deliveryHandlers } from './rpc/delivery';
import { eventTypeHandlers } from './rpc/event-types';
import { organizationHandlers } from './rpc/organizations';
import { portalSessionHandlers } from './rpc/portal-sessions';
import { ping } from './rpc/ping';
import { settingsHandlers } from './rpc/settings';
import { wireProfileHandlers } from './rpc/wire-profiles';
import { wireProfileFromJson } from '@hookline/contract';
import { webhookHandlers } from './rpc/webhooks';
import { verifyMasterKey } from './secrets/key-check';
import { reencryptSecrets } from './secrets/reencrypt';
import { createSecretBox, resolveMasterKeys } from './secrets/secret-box';

export type RegistryConfig = z.infer<z.ZodObject<typeof registryEnv>>;

/** Test seams: a clock to cross the 24 h / 7 day windows, a resolver for hostile DNS answers. */
export interface RegistryOptions {
  clock?: Clock;
  resolve?: HostResolver;
}

export interface RunningRegistry {
  grpcPort: number;
  opsPort: number;
  /** The outbox relay (tests call `drain()` to publish without waiting for the next poll). */
  outbox: OutboxRelay;
  stop(): Promise<void>;
}

/** Wires the registry: its database, its outbox relay and its gRPC API. */
export async function startRegistry(config: RegistryConfig, logger: Logger, options: RegistryOptions = {}): Promise<RunningRegistry> {
  // 1. Secrets: the master key (none configured stops the start), and a box that fails closed when it is the wrong one.
  const keys = resolveMasterKeys(config, (message) => logger.warn(message));
  const box = createSecretBox(keys.current, { previous: keys.previous });
  //    Its mutual-TLS identity, checked as early.
  const tls = loadTlsIdentity(config, 'registry');
  // 2. The catalog file is read before anything starts, so a bad file stops the process early.
  const catalog = config.HOOKLINE_EVENT_CATALOG ? await loadCatalogFile(config.HOOKLINE_EVENT_CATALOG) : [];

  // 3. Database: schema + migrations, then the master-key canary.
  const db = await openDatabase({ url: config.DATABASE_URL, caFile: config.DATABASE_SSL_CA_FILE, poolSize: config.DATABASE_POOL_SIZE, schema: config.HOOKLINE_REGISTRY_DB_SCHEMA, entities: registryEntities, migrations: registryMigrations, logger });
  try {
    await verifyMasterKey(db.pool, box);
    // A rotation (HOOKLINE_MASTER_KEY_PREVIOUS set): everything is re-sealed under the new key before serving.
    const resealed = await reencryptSecrets(db.pool, box);
    if (resealed > 0) logger.info({ resealed }, 'secrets re-encrypted under the current master key');
  } catch (error) {
    await db.close();
    throw error;
  }
  const deps: RegistryDeps = {
    db,
    box,
    clock: options.clock ?? systemClock,
    logger,
    maxWebhooksPerOrg: config.HOOKLINE_MAX_WEBHOOKS_PER_ORG,
    defaultWireProfile: config.HOOKLINE_DEFAULT_WIRE_PROFILE ? wireProfileFromJson(JSON.parse(config.HOOKLINE_DEFAULT_WIRE_PROFILE)) : undefined,
    urlOptions: {
      allowInsecure: config.HOOKLINE_ALLOW_INSECURE_URLS,
      allowList: parseEgressAllowList(config.HOOKLINE_EGRESS_ALLOW_CIDRS),
      resolve: options.resolve,
    },
  };
  await seedCatalog(deps, catalog);
  logger.info({ fileTypes: catalog.length }, 'event catalog loaded');

  // 4. Kafka: topics, the producer and the outbox relay.
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'registry', logger, security: kafkaSecurity(config) });
  const topics = topicNames(config.HOOKLINE_TOPIC_PREFIX);
  await ensureOutboxTopics(kafka, topics);
  const producer = new BatchingProducer(kafka);
  await producer.connect();
  // Its audit records prove they come from the registry: signed with its service certificate's key.
  const outbox = startOutboxRelay({ db, producer, topics, signer: producerKey(tls.cert, tls.key), logger, pollMs: config.HOOKLINE_REGISTRY_OUTBOX_POLL_MS });

  // 5. The gRPC API.
  const metrics = createMetricsRegistry('registry');
  registerRegistryGauges(metrics, db.pool);
  const server = await serve({
    name: 'registry',
    logger,
    host: config.HOOKLINE_BIND_HOST,
    tls,
    grpcPort: config.HOOKLINE_REGISTRY_PORT,
    opsPort: config.HOOKLINE_REGISTRY_OPS_PORT,
    metrics,
    isReady: () => db.isHealthy(),
    services: [
      bindService(registryV1.RegistryServiceService, {
        ping,
        ...organizationHandlers(deps),
        ...apiKeyHandlers(deps),
        ...webhookHandlers(deps),
        ...eventTypeHandlers(deps),
        ...settingsHandlers(deps),
        ...wireProfileHandlers(deps),
        ...approvalHandlers(deps),
        ...deliveryHandlers(deps),
        ...portalSessionHandlers(deps),
      }),
    ],
  });
  return {
    grpcPort: server.grpcPort,
    opsPort: server.opsPort,
    outbox,
    async stop() {
      await server.close();
      // Publish what committed before stopping, so a clean shutdown leaves nothing behind.
      await outbox.drain().catch((error) => logger.warn({ err: error }, 'final outbox drain failed'));
      await outbox.stop();
      await producer.disconnect();
      await db.close();
    },
  };
}
