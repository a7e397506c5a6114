import { headerValue, KafkaJSError, type Kafka, type KafkaMessage } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { eventsV1 } from '@hookline/proto';
import type { Pool } from 'pg';
import { taskFor, upsertDeliveries, type NewDelivery } from '../db/delivery-rows';
import { commitPeriodically, TopicOffsets, type PartitionOffsets } from '../deliver/offset-tracker';
import { envelopeJson } from '../deliver/prepare';
import type { Sender } from '../deliver/sender';
import type { DeliveryTaskQueue } from '../deliver/task-queue';
import { newId } from '../ids';
import type { DispatcherMetrics } from '../metrics';
import type { RoutingView } from '../routing/routing-view';
import { matchWebhooks } from './match';

export interface FanOutOptions {
  topic: string;
  groupId: string;
  logger: Logger;
  metrics: DispatcherMetrics;
}

export interface FanOutDeps {
  pool: Pool;
  view: RoutingView;
  queue: DeliveryTaskQueue;
  sender: Sender;
}

export interface RunningFanOut {
  /** Stop fetching, let in-process deliveries record, commit, disconnect. */
  stop(): Promise<void>;
}

/**
 * Deliveries per upsert + produce. A fetched batch can hold thousands of events (× webhooks
 * each); one statement or produce of that size would stall for seconds, so the batch is
 * handled in slices.
 */
const SLICE_DELIVERIES = 2_000;
/** Bounded, like the sender's own stop: what is not recorded by then is replayed after a restart. */
const STOP_GRACE_MS = 5_000;

/**
 * Events in, deliveries out. Per slice of a fetched batch: match every event against the
 * routing view, ONE multi-row upsert of the deliveries, then the tasks: those of webhooks this
 * instance's sender owns go straight to it (no round trip through Kafka), the rest in ONE
 * produce to the deliveries topic. An event's offset is committed only once its deliveries are
 * durable and its in-process tasks are recorded, so a crash replays the event and the replay
 * finds the undelivered deliveries again (autoCommit off, explicit commits). While the sender
 * is full the fan-out waits: back-pressure reaches the events topic instead of moving the
 * backlog onto the deliveries topic.
 */
export async function startFanOut(kafka: Kafka, deps: FanOutDeps, options: FanOutOptions): Promise<RunningFanOut> {
  const offsets = new TopicOffsets(options.topic);
  let assigned: number[] = [];

  const consumer = kafka.consumer({
    groupId: options.groupId,
    maxWaitTimeInMs: 500,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    rebalanceTimeout: 10_000,
    maxBytesPerPartition: 4 * 1024 * 1024,
    retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 2_000 },
  });
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const now = payload.memberAssignment[options.topic] ?? [];
    for (const partition of assigned) if (!now.includes(partition)) offsets.forget(partition);
    assigned = now;
  });

  /** Creates a slice's deliveries; hands over or produces their tasks; returns when all are on their way. */
  const fanOutSlice = async (messages: KafkaMessage[], tracker: PartitionOffsets) => {
    const rows = deliveriesFor(messages, deps.view, options.logger);
    const created = await upsertDeliveries(deps.pool, rows);
    // Re-enqueue only what is not already handled: a replay must not resend delivered ones,
    // nor jump a retry scheduled for later.
    const tasks = created.filter((row) => row.status === 'pending' && row.next_attempt_at === null).map(taskFor);
    const local: { task: eventsV1.DeliveryTask; partition: number }[] = [];
    const remote: eventsV1.DeliveryTask[] = [];
    // Counted per webhook: the slice's earlier tasks are queued ahead of its later ones.
    const handedOver = new Map<string, number>();
    for (const task of tasks) {
      const ahead = handedOver.get(task.webhookId) ?? 0;
      const partition = deps.sender.localPartition(task, ahead);
      if (partition === null) remote.push(task);
      else {
        local.push({ task, partition });
        handedOver.set(task.webhookId, ahead + 1);
      }
    }
    await deps.queue.enqueue(remote);
    if (remote.length > 0) options.metrics.fannedOut.inc({ route: 'topic' }, remote.length);
    if (local.length > 0) options.metrics.fannedOut.inc({ route: 'local' }, local.length);

    // From here nothing can fail: the slice's offset completes when its last local task is recorded.
    const last = messages[messages.length - 1].offset;
    tracker.begin(last);
    let pending = local.length + 1;
    const settle = () => {
      if (--pending > 0) return;
      tracker.complete(last);
    };
    for (const { task, partition } of local) deps.sender.enqueue({ task, partition, local: true, done: settle });
    settle();
  };

  const commits = commitPeriodically(consumer, offsets, options.logger);

  await consumer.connect();
  await consumer.subscribe({ topics: [options.topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: 4,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
      const tracker = offsets.of(batch.partition);
      // Offsets handed out already (a refetch after a rejoin) are on their way.
      const messages = batch.messages.filter((message) => !tracker.seen(message.offset));
      try {
        let start = 0;
        while (start < messages.length) {
          if (!isRunning() || isStale()) return;
          let end = start;
          let deliveries = 0;
          while (end < messages.length && deliveries < SLICE_DELIVERIES) deliveries += fanOutWidth(messages[end++], deps.view);
          const slice = messages.slice(start, end);
          // A full sender: wait for room rather than spill onto the topic — the events are
          // durable where they are, and an in-process hand-over costs less than a round trip.
          while (deps.sender.full) {
            await new Promise((resolve) => setTimeout(resolve, 5));
            await heartbeat();
            if (!isRunning() || isStale()) return;
          }
          await fanOutSlice(slice, tracker);
          // Moves the fetch position only; the commit follows the slice's completion.
          resolveOffset(slice[slice.length - 1].offset);
          await heartbeat();
          start = end;
        }
        // Everything fetched is on its way (or was already): fetch what follows.
        if (batch.messages.length > 0 && isRunning() && !isStale()) resolveOffset(batch.messages[batch.messages.length - 1].offset);
      } catch (error) {
        // kafkajs stops a consumer for good on an error it deems non-retriable (any plain
        // Error): mark it retriable so the batch is fetched again from its last resolved offset.
        options.logger.error({ err: error, partition: batch.partition }, 'fan-out batch failed; retrying');
        throw error instanceof KafkaJSError ? error : new KafkaJSError(error as Error, { retriable: true });
      }
    },
  });

  return {
    async stop() {
      await consumer.stop();
      // Its in-process tasks are recorded (or the grace is over): commit what completed.
      await deps.sender.drain(STOP_GRACE_MS);
      await commits.finish();
      await consumer.disconnect();
    },
  };
}

/** How many webhooks an org has: the most deliveries one of its events can fan out to. */
function fanOutWidth(message: KafkaMessage, view: RoutingView): number {
  const orgId = message.key?.toString();
  return Math.max(1, orgId ? view.webhookCount(orgId) : 1);
}

function deliveriesFor(messages: KafkaMessage[], view: RoutingView, logger: Logger): NewDelivery[] {
  const rows = new Map<string, NewDelivery>();
  for (const message of messages) {
    if (!message.value || message.value.length === 0) continue;
    let event: eventsV1.Event;
    try {
      event = eventsV1.Event.decode(message.value);
    } catch (error) {
      logger.error({ err: error, offset: message.offset }, 'undecodable event skipped');
      continue;
    }
    const webhooks = matchWebhooks(view, event);
    if (webhooks.length === 0) continue;
    const envelope = envelopeJson(event);
    const traceparent = headerValue(message.headers, 'traceparent') ?? '';
    // The broker timestamp is when ingestion produced the event: its acceptance time, to the ms.
    const publishedAt = new Date(Number(message.timestamp));
    for (const webhook of webhooks) {
      rows.set(`${event.id} ${webhook.webhookId}`, {
        id: newId('del'),
        orgId: event.orgId,
        webhookId: webhook.webhookId,
        eventId: event.id,
        eventType: event.type,
        isTest: event.isTest,
        envelopeJson: envelope,
        traceparent,
        publishedAt,
      });
    }
  }
  return [...rows.values()];
}
