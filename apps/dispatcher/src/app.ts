import { hostname } from 'node:os';
import { openDatabase } from '@hookline/db';
import { parseEgressAllowList, type HostResolver } from '@hookline/egress';
import { loadTlsIdentity } from '@hookline/grpc';
import { BatchingProducer, createKafka, DeadLetters, deadLetterHandlers, deleteConsumerGroup, ensureTopics, partitionCount, topicNames, waitForTopics, type RunningConsumer, kafkaSecurity } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { createSecretBox, resolveMasterKeys } from '@hookline/secrets';
import { createMetricsRegistry } from '@hookline/telemetry';
import type { DispatcherConfig } from './config';
import { attemptsAlreadyMade } from './db/delivery-store';
import { migrations } from './db/migrations';
import { Admission } from './admission/admission';
import { startDeliveriesConsumer } from './admission/deliveries-consumer';
import { DeliveryOwnership } from './admission/ownership';
import { DeliveryTaskQueue } from './admission/task-queue';
import { deliverTask, type DeliverDeps } from './deliver/deliver-task';
import { EndpointAuthenticator } from './deliver/endpoint-auth';
import { createEgressAgent } from './deliver/http-agent';
import { platformRetrySchedule } from './deliver/retry-policy';
import { Signers } from './deliver/sign';
import { startFanOut } from './fan-out/fan-out-consumer';
import { finishInFlight } from './finish-in-flight';
import { LaneScheduler } from './lanes/lane-scheduler';
import { WebhookDisabler } from './pause-and-disable/disable-webhook';
import type { QueuedTask } from './lanes/webhook-lane';
import { createDispatcherMetrics } from './metrics';
import { connectPeers } from './peers';
import { dispatcherInstanceId } from './routing/instance-id';
import { AfterEffects } from './record/after-effects';
import { AttemptRecorder } from './record/attempt-recorder';
import { OperationalEvents } from './record/operational-events';
import { ChangeFeed } from './routing/change-feed';
import { RoutingView } from './routing/routing-view';
import { loadRoutingSnapshot } from './routing/snapshot';
import { startScheduledJobs } from './scheduled-jobs';
import { serveDispatcher } from './server';
import { startNotifications } from './notify/start-notifications';
import { RelayTransport } from './relay/relay-transport';
import { DeliveryConfigCache } from './webhook-config/delivery-config-cache';
import { TriggerReporter } from './webhook-config/trigger-reporter';
import { version } from '../package.json';

export interface RunningDispatcher {
  grpcPort: number;
  opsPort: number;
  /** The in-memory routing view (tests wait on it). */
  routing: RoutingView;
  /** Every Kafka consumer of the instance (health, and tests that simulate their loss). */
  consumers: { changeFeed: RunningConsumer; fanOut: RunningConsumer; sender: RunningConsumer };
  stop(): Promise<void>;
}

/** Test seams; production passes nothing. */
export interface DispatcherOverrides {
  /** Resolves webhook host names at connect time (DNS-rebinding tests). */
  resolveHost?: HostResolver;
}

export const FAN_OUT_GROUP = 'dispatcher-fanout';
export const SENDER_GROUP = 'dispatcher-sender';
export const NOTIFY_GROUP = 'dispatcher-notify';

/**
 * Wires the dispatcher (DESIGN §2): routing view (registry snapshot + change feed) → fan-out
 * consumer → deliveries topic → deliveries consumer (admission → per-webhook lanes → attempt →
 * batched record) → retry poller back onto the deliveries topic; plus the deliveries gRPC API. Departure from
 * DESIGN §2.2: a first attempt for a webhook whose deliveries partition this instance owns is
 * handed from the fan-out to its lane in process instead of through the topic (see
 * DeliveryOwnership) — same owner, same lane, one Kafka round trip less.
 */
export async function startDispatcher(config: DispatcherConfig, logger: Logger, overrides: DispatcherOverrides = {}): Promise<RunningDispatcher> {
  // Its mutual-TLS identity, checked before anything starts: it serves and calls with it.
  const tls = loadTlsIdentity(config, 'dispatcher');
  const metricsRegistry = createMetricsRegistry('dispatcher');
  const metrics = createDispatcherMetrics(metricsRegistry);
  const prefix = config.HOOKLINE_TOPIC_PREFIX;
  const topics = topicNames(prefix);
  const instanceId = dispatcherInstanceId(config.HOOKLINE_DISPATCHER_INSTANCE_ID, hostname(), config.HOOKLINE_DISPATCHER_PORT, process.pid);
  const userAgent = `Hookline/${version}`;
  // The master key seals notification channels' chat targets (as the registry seals signing secrets).
  const keys = resolveMasterKeys(config, (message) => logger.warn(message));
  const channelBox = createSecretBox(keys.current, { purpose: 'dispatcher notification channels', previous: keys.previous });

  // 1. Storage and peers.
  const db = await openDatabase({ url: config.DATABASE_URL, caFile: config.DATABASE_SSL_CA_FILE, schema: config.HOOKLINE_DISPATCHER_DB_SCHEMA, migrations, poolSize: config.DATABASE_POOL_SIZE ?? 12, logger });
  const { registry, ingestion } = connectPeers({ registry: config.HOOKLINE_REGISTRY_ADDR, ingestion: config.HOOKLINE_INGESTION_ADDR }, tls, metricsRegistry);
  // Every retry reads its event's body from ingestion: connect now (TLS handshake included), not
  // on the first due retry. Not awaited; an ingestion still starting only delays retries a little.
  void ingestion
    .ping({ message: 'dispatcher' }, { deadlineMs: 5_000 })
    .catch((error: unknown) => logger.info({ reason: error instanceof Error ? error.message : String(error) }, 'waiting for ingestion… (retries wait for it)'));
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: `dispatcher-${instanceId}`, logger, security: kafkaSecurity(config) });
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
  const deadLetters = new DeadLetters(db.pool);
  const stuckAfterMs = config.HOOKLINE_CONSUMER_STUCK_AFTER_SECONDS * 1000;
  const progressIntervalMs = config.HOOKLINE_CONSUMER_PROGRESS_MS;
  const changeFeed = await ChangeFeed.follow(kafka, view, {
    topic: topics.webhookChanges,
    groupId: changeGroup,
    logger,
    metrics: metricsRegistry,
    deadLetters,
    checkIntervalMs: Math.min(progressIntervalMs, 500),
    stuckAfterMs,
  });
  const starting = new AbortController();
  await loadRoutingSnapshot(registry, view, logger, starting.signal);

  // 3. Sending: config cache, signing, auth, egress-guarded HTTP, batched recording.
  const configs = new DeliveryConfigCache(registry);
  view.onChange((route) => configs.invalidate(route.webhookId));
  const agent = createEgressAgent(parseEgressAllowList(config.HOOKLINE_EGRESS_ALLOW_CIDRS), overrides.resolveHost);
  const recorder = new AttemptRecorder(db.pool, logger, { deadLetters, poisonRows: metrics.poisonRows });
  const operational = new OperationalEvents(ingestion, logger);
  const triggers = new TriggerReporter(registry, logger);
  const disabler = new WebhookDisabler({ registry, operational, logger });
  const afterEffects = new AfterEffects({ operational, triggers, disableGone: (orgId, webhookId) => disabler.disable(orgId, webhookId, 'gone') });
  const signers = new Signers();
  const auth = new EndpointAuthenticator(agent, userAgent);
  // Signers and OAuth2 tokens built from a config are stale once it changes.
  configs.onInvalidate((webhookId) => {
    signers.forget(webhookId);
    auth.forget(webhookId);
  });
  const deliverDeps: DeliverDeps = {
    configs,
    recorder,
    afterEffects,
    metrics,
    logger,
    agent,
    signers,
    auth,
    userAgent,
    relay: new RelayTransport(db.pool),
    defaultScheduleSeconds: platformRetrySchedule(config.HOOKLINE_RETRY_SCHEDULE_SECONDS),
  };
  // Admission → lanes → attempt: an admitted task waits in its webhook's lane, whose run is one
  // attempt (deliverTask); the run tells admission when the task is settled.
  const run = (item: QueuedTask): Promise<void> => deliverTask(item, deliverDeps, admission);
  const lanes = new LaneScheduler(run, { configs, view, logger }, { concurrencyPerWebhook: config.HOOKLINE_WEBHOOK_CONCURRENCY });
  const admission = new Admission(
    { lanes, ownership, view, recorder, metrics, logger },
    { maxInFlight: config.HOOKLINE_SENDER_MAX_IN_FLIGHT, firstAttemptWaitMs: config.HOOKLINE_FIRST_ATTEMPT_WAIT_MS },
  );

  // 4. Consumers: the deliveries consumer first (so fanned-out tasks find an owner), then fan-out; then the timed jobs.
  const deliveriesConsumer = await startDeliveriesConsumer(kafka, admission, {
    topic: topics.deliveries,
    groupId: `${prefix}${SENDER_GROUP}`,
    logger,
    metrics,
    metricsRegistry,
    deadLetters,
    progressIntervalMs,
    stuckAfterMs,
    ownership,
    requeue: (tasks) => queue.enqueue(tasks),
    alreadyMade: (tasks) => attemptsAlreadyMade(db.pool, tasks),
  });
  // The events topic is ingestion's: wait for it rather than race its creation.
  await waitForTopics(kafka, [topics.events]);
  const fanOut = await startFanOut(
    kafka,
    { pool: db.pool, view, changeFeed, queue, admission },
    { topic: topics.events, groupId: `${prefix}${FAN_OUT_GROUP}`, logger, metrics, metricsRegistry, deadLetters, progressIntervalMs, stuckAfterMs },
  );
  const consumers = { changeFeed: changeFeed.consumer, fanOut, sender: deliveriesConsumer };
  const jobs = startScheduledJobs({ db, view, queue, ingestion, disabler, metrics, logger }, config);
  const notifications = await startNotifications(kafka, db.pool, channelBox, agent, userAgent, config, { topic: topics.events, groupId: `${prefix}${NOTIFY_GROUP}`, logger, metrics: metricsRegistry, progressIntervalMs, stuckAfterMs });

  // 5. The deliveries API, and the operator's dead letters.
  const deadLetterApi = deadLetterHandlers('dispatcher', deadLetters, kafka);
  const server = await serveDispatcher(config, {
    logger,
    tls,
    metrics: metricsRegistry,
    db,
    consumers: [...Object.values(consumers), notifications.consumer],
    deliveries: { pool: db.pool, configs, ingestion, logger },
    deadLetters: deadLetterApi,
    channelUrls: notifications.urlOptions,
    channelBox,
  });

  return {
    grpcPort: server.grpcPort,
    opsPort: server.opsPort,
    routing: view,
    consumers,
    // One deadline for the whole stop: no new work → finish in-flight work once → disconnect.
    // What is not durable by the deadline is replayed after a restart (at-least-once).
    stop: async () => {
      const deadline = Date.now() + config.HOOKLINE_STOP_DEADLINE_MS;
      // What a restart may send again at most: deliveries admitted and not yet recorded.
      logger.info({ inFlight: admission.inFlight }, 'dispatcher stopping');
      starting.abort();
      await server.close();
      await jobs.stop();
      await notifications.stop();
      await finishInFlight({ consumers, ownership, admission, recorder, operational }, deadline);
      await Promise.all(Object.values(consumers).map((consumer) => consumer.close()));
      logger.info({ unrecorded: admission.inFlight, deadlineLeftMs: Math.max(0, deadline - Date.now()) }, 'dispatcher stopped');
      admission.stop();
      lanes.stop();
      await triggers.stop();
      await deleteConsumerGroup(kafka, changeGroup);
      await deadLetterApi.close();
      await producer.disconnect();
      await agent.close();
      registry.close();
      ingestion.close();
      await db.close();
    },
  };
}
