import { hostname } from 'node:os';
import type { z } from '@hookline/config';
import { openDatabase } from '@hookline/db';
import { parseEgressAllowList, type HostResolver } from '@hookline/egress';
import { createGrpcClient, serve, bindService } from '@hookline/grpc';
import { BatchingProducer, createKafka, ensureTopics, partitionCount, topicNames, waitForTopics } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { dispatcherV1, ingestionV1, registryV1 } from '@hookline/proto';
import { createMetricsRegistry } from '@hookline/telemetry';
import type { dispatcherEnv } from './config';
import { migrations } from './db/migrations';
import { EndpointAuthenticator } from './deliver/endpoint-auth';
import { createEgressAgent } from './deliver/http-agent';
import { DeliveryOwnership } from './deliver/ownership';
import { AttemptRecorder } from './deliver/record';
import { Sender } from './deliver/sender';
import { startSenderConsumer, type RunningSenderConsumer } from './deliver/sender-consumer';
import { Signers } from './deliver/sign';
import { DeliveryTaskQueue } from './deliver/task-queue';
import { startFanOut, type RunningFanOut } from './fan-out/fan-out-consumer';
import { createDispatcherMetrics } from './metrics';
import { OperationalEvents } from './operational/operational-events';
import { FailingWebhooks } from './retry/failing-webhooks';
import { HeldDeliveries } from './retry/held-deliveries';
import { scheduleDeliveryRetention } from './retention/prune-deliveries';
import { RetryPoller } from './retry/retry-poller';
import { deleteChangeFeedGroup, followWebhookChanges } from './routing/change-feed';
import { RoutingView } from './routing/routing-view';
import { loadRoutingSnapshot } from './routing/snapshot';
import { deliveryHandlers } from './rpc/deliveries';
import { ping } from './rpc/ping';
import { DeliveryConfigCache } from './webhook-config/delivery-config-cache';
import { TriggerReporter } from './webhook-config/trigger-reporter';
import { version } from '../package.json';

export type DispatcherConfig = z.infer<z.ZodObject<typeof dispatcherEnv>>;

export interface RunningDispatcher {
  grpcPort: number;
  opsPort: number;
  /** The in-memory routing view (tests wait on it). */
  routing: RoutingView;
  stop(): Promise<void>;
}

/** Test seams; production passes nothing. */
export interface DispatcherOverrides {
  /** Resolves webhook host names at connect time (DNS-rebinding tests). */
  resolveHost?: HostResolver;
}

export const FAN_OUT_GROUP = 'dispatcher-fanout';
export const SENDER_GROUP = 'dispatcher-sender';

/**
 * Wires the dispatcher (DESIGN §2): routing view (registry snapshot + change feed) → fan-out
 * consumer → deliveries topic → sender consumer (per-webhook lanes → attempt → batched record)
 * → retry poller back onto the deliveries topic; plus the deliveries gRPC API. Departure from
 * DESIGN §2.2: a first attempt for a webhook whose deliveries partition this instance owns is
 * handed from the fan-out to its lane in process instead of through the topic (see
 * DeliveryOwnership) — same owner, same lane, one Kafka round trip less.
 */
export async function startDispatcher(config: DispatcherConfig, logger: Logger, overrides: DispatcherOverrides = {}): Promise<RunningDispatcher> {
  const metricsRegistry = createMetricsRegistry('dispatcher');
  const metrics = createDispatcherMetrics(metricsRegistry);
  const prefix = config.HOOKLINE_TOPIC_PREFIX;
  const topics = topicNames(prefix);
  const instanceId = config.HOOKLINE_DISPATCHER_INSTANCE_ID || `${hostname()}-${process.pid}-${Date.now().toString(36)}`;
  const userAgent = `Hookline/${version}`;

  // 1. Storage and peers.
  const db = await openDatabase({ url: config.DATABASE_URL, schema: config.HOOKLINE_DISPATCHER_DB_SCHEMA, migrations, poolSize: 12, logger });
  const registry = createGrpcClient(registryV1.RegistryServiceService, config.HOOKLINE_REGISTRY_ADDR, { peerName: 'registry' });
  const ingestion = createGrpcClient(ingestionV1.IngestionServiceService, config.HOOKLINE_INGESTION_ADDR, { peerName: 'ingestion' });
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: `dispatcher-${instanceId}`, logger });
  await ensureTopics(kafka, [
    { topic: topics.deliveries, numPartitions: config.HOOKLINE_DELIVERY_PARTITIONS },
    { topic: topics.webhookChanges, numPartitions: 1, config: { 'cleanup.policy': 'compact' } },
  ]);
  const producer = new BatchingProducer(kafka);
  await producer.connect();
  const queue = new DeliveryTaskQueue(producer, topics.deliveries);
  const ownership = new DeliveryOwnership(await partitionCount(kafka, topics.deliveries));

  // 2. The routing view: follow the change feed first, then take the snapshot (versions order them).
  const view = new RoutingView();
  const changeGroup = `${prefix}dispatcher-changes-${instanceId}`;
  const changeFeed = await followWebhookChanges(kafka, view, { topic: topics.webhookChanges, groupId: changeGroup, logger });
  const starting = new AbortController();
  await loadRoutingSnapshot(registry, view, logger, starting.signal);

  // 3. Sending: config cache, signing, auth, egress-guarded HTTP, batched recording.
  const configs = new DeliveryConfigCache(registry, view);
  const agent = createEgressAgent(parseEgressAllowList(config.HOOKLINE_EGRESS_ALLOW_CIDRS), overrides.resolveHost);
  const recorder = new AttemptRecorder(db.pool, logger);
  const operational = new OperationalEvents(ingestion, logger);
  const triggers = new TriggerReporter(registry, logger);
  const sender = new Sender(
    { view, configs, recorder, registry, operational, triggers, metrics, logger, ownership, agent, signers: new Signers(), auth: new EndpointAuthenticator(agent, userAgent), userAgent },
    {
      concurrencyPerWebhook: config.HOOKLINE_WEBHOOK_CONCURRENCY,
      maxInFlight: config.HOOKLINE_SENDER_MAX_IN_FLIGHT,
      defaultScheduleSeconds: config.HOOKLINE_RETRY_SCHEDULE_SECONDS,
    },
  );

  // 4. Consumers: sender first (so fanned-out tasks find an owner), then fan-out; retries.
  const senderConsumer: RunningSenderConsumer = await startSenderConsumer(kafka, sender, {
    topic: topics.deliveries,
    groupId: `${prefix}${SENDER_GROUP}`,
    logger,
    metrics,
    ownership,
    requeue: (tasks) => queue.enqueue(tasks),
  });
  // The events topic is ingestion's: wait for it rather than race its creation.
  await waitForTopics(kafka, [topics.events]);
  const fanOut: RunningFanOut = await startFanOut(kafka, { pool: db.pool, view, queue, sender }, { topic: topics.events, groupId: `${prefix}${FAN_OUT_GROUP}`, logger, metrics });
  const retries = new RetryPoller(db.pool, queue, metrics, logger, config.HOOKLINE_RETRY_POLL_MS);
  retries.start();
  const held = new HeldDeliveries(db.pool, view, logger);
  held.start();
  const retention = scheduleDeliveryRetention(db.pool, {
    retentionDays: config.HOOKLINE_DELIVERY_RETENTION_DAYS,
    intervalMs: config.HOOKLINE_DELIVERY_RETENTION_INTERVAL_MS,
    logger,
  });
  const failing = new FailingWebhooks(db.pool, (orgId, webhookId) => sender.disable(orgId, webhookId, 'failing'), config.HOOKLINE_DISABLE_FAILING_AFTER_SECONDS, logger);
  failing.start();

  // 5. The deliveries API.
  const server = await serve({
    name: 'dispatcher',
    logger,
    grpcPort: config.HOOKLINE_DISPATCHER_PORT,
    opsPort: config.HOOKLINE_DISPATCHER_OPS_PORT,
    metrics: metricsRegistry,
    isReady: () => db.isHealthy(),
    services: [bindService(dispatcherV1.DispatcherServiceService, { ping, ...deliveryHandlers({ pool: db.pool, queue, configs, ingestion, logger }) })],
  });

  return {
    grpcPort: server.grpcPort,
    opsPort: server.opsPort,
    routing: view,
    // Stop fetching → finish in-flight → flush records → commit → disconnect.
    stop: async () => {
      starting.abort();
      await server.close();
      failing.stop();
      await retries.stop();
      await held.stop();
      await retention.stop();
      await fanOut.stop();
      await senderConsumer.stop();
      await recorder.drain();
      await triggers.stop();
      await changeFeed.stop();
      await deleteChangeFeedGroup(kafka, changeGroup);
      await producer.disconnect();
      await agent.close();
      registry.close();
      ingestion.close();
      await db.close();
    },
  };
}
