import { headerValue, PoisonRecordError, startConsumer, type ConsumerContext, type DeadLetterSink, type Kafka, type KafkaMessage, type RunningConsumer } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { eventsV1 } from '@hookline/proto';
import type { Registry } from '@hookline/telemetry';
import type { Pool } from 'pg';
import { deliveryIdFor } from '../model/delivery-id';
import { envelopeJson } from '../model/envelope';
import type { DeliveryTask } from '../model/delivery-task';
import { knownDeliveries, type NewDelivery } from '../db/delivery-store';
import type { Admission } from '../admission/admission';
import type { DeliveryTaskQueue } from '../admission/task-queue';
import type { DispatcherMetrics } from '../metrics';
import type { ChangeFeed } from '../routing/change-feed';
import { matchWebhooks } from '../routing/match';
import type { RoutingView } from '../routing/routing-view';
import { ReplayWindow } from './replay-window';

export interface FanOutOptions {
  topic: string;
  groupId: string;
  logger: Logger;
  metrics: DispatcherMetrics;
  metricsRegistry: Registry;
  deadLetters: DeadLetterSink;
  progressIntervalMs: number;
  stuckAfterMs: number;
}

export interface FanOutDeps {
  pool: Pool;
  view: RoutingView;
  /** Proves the view fresh before an event is routed on it. */
  changeFeed: Pick<ChangeFeed, 'isFreshFor' | 'nextCheck'>;
  queue: DeliveryTaskQueue;
  admission: Admission;
}

/**
 * Deliveries per lookup + produce. A fetched batch can carry thousands of events (× webhooks
 * each); one statement or produce of that size would stall for seconds, so the batch is
 * handled in slices.
 */
const SLICE_DELIVERIES = 2_000;

/**
 * Partitions handled at once: more than the events topic's default 12, so every partition of a
 * fetch is handled in the same round (a topic with more partitions than this gets its batches
 * handled in rounds again). kafkajs fetches again only once every batch of the last fetch is
 * handled: with fewer at once, an event waits for the rounds before its own, which adds latency
 * and no throughput.
 */
const FAN_OUT_PARTITIONS_AT_ONCE = 16;

/**
 * Events in, deliveries out. Per slice of a fetched batch: match every event against the
 * routing view and derive its deliveries (ids derived from event and webhook), then the tasks:
 * those of webhooks this instance owns go straight to their admission (no round trip through Kafka),
 * the rest in ONE produce to the deliveries topic. No row is written ahead: a first attempt is
 * made from memory and its delivery row written once, with its outcome (see writeOutcomes). So
 * an event's offset is committed only once its in-process tasks are recorded (or written as
 * pending, for a lane that could not start them promptly) and its other tasks are on the topic:
 * until then the events topic is the durable record, and a crash replays the event with the
 * same delivery ids. Events another process may have fanned out already (see ReplayWindow) are
 * looked up first, and only their undelivered deliveries are sent again. While admission is
 * full the fan-out waits: back-pressure reaches the events topic instead of moving the backlog
 * onto the deliveries topic. Events are routed only on a view the change feed shows to be fresh
 * (see ChangeFeed.isFreshFor).
 */
export async function startFanOut(kafka: Kafka, deps: FanOutDeps, options: FanOutOptions): Promise<RunningConsumer> {
  const replays = new ReplayWindow();
  /** Derives a slice's deliveries; hands over or produces their tasks; returns when all are on their way. */
  const fanOutSlice = async (messages: KafkaMessage[], context: ConsumerContext) => {
    const { rows, unusable } = deliveriesFor(messages, deps.view);
    for (const { message, error } of unusable) await context.deadLetter(message, error);
    const tasks = await tasksToSend(rows, (row) => replays.mayBeReplay(context.partition, row.publishedAt!.getTime()), deps.pool);
    const skipped = rows.length - tasks.length;
    if (skipped > 0) options.metrics.replaysSkipped.inc(skipped);
    const local: { task: DeliveryTask; partition: number }[] = [];
    const remote: DeliveryTask[] = [];
    // Counted per webhook: the slice's earlier tasks are queued ahead of its later ones.
    const handedOver = new Map<string, number>();
    for (const task of tasks) {
      const ahead = handedOver.get(task.webhookId) ?? 0;
      const partition = deps.admission.localPartition(task, ahead);
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
    const complete = context.claim(messages[messages.length - 1].offset);
    let pending = local.length + 1;
    const settle = () => {
      if (--pending === 0) complete();
    };
    for (const { task, partition } of local) deps.admission.admit({ task, partition, local: true, done: settle });
    settle();
  };

  return startConsumer(kafka, {
    name: 'fan-out',
    groupId: options.groupId,
    topic: options.topic,
    logger: options.logger,
    metrics: options.metricsRegistry,
    deadLetters: options.deadLetters,
    progressIntervalMs: options.progressIntervalMs,
    stuckAfterMs: options.stuckAfterMs,
    partitionsConsumedConcurrently: FAN_OUT_PARTITIONS_AT_ONCE,
    completion: 'claimed',
    onAssignment: (partitions) => replays.assigned(partitions),
    handle: async (messages, context) => {
      // Never route on a view not shown to be fresh: an event matching no webhook is skipped for
      // good, so while the change feed is down or behind, the fan-out waits (delay, never drop).
      const fetchedAt = Date.now();
      for (const message of messages) options.metrics.fanOutDelaySeconds.observe((fetchedAt - Number(message.timestamp)) / 1000);
      const newest = Math.max(...messages.map((message) => Number(message.timestamp)));
      while (!deps.changeFeed.isFreshFor(newest)) {
        options.metrics.routingWaits.inc();
        await context.until(deps.changeFeed.nextCheck());
      }
      let start = 0;
      while (start < messages.length) {
        let end = start;
        let deliveries = 0;
        while (end < messages.length && deliveries < SLICE_DELIVERIES) deliveries += fanOutWidth(messages[end++], deps.view);
        // Admission full: wait for room rather than spill onto the topic — the events are
        // durable where they are, and an in-process hand-over costs less than a round trip.
        await context.until(deps.admission.whenRoom());
        await fanOutSlice(messages.slice(start, end), context);
        await context.heartbeat();
        start = end;
      }
    },
  });
}

/**
 * The first-attempt tasks of a slice's deliveries, built from memory. Deliveries of events that
 * may be replays are looked up (one read) and sent again only while pending and not scheduled:
 * a replay must not resend a delivered one nor jump a retry scheduled for later. A delivery
 * found under an id of another shape (created before ids were derived) keeps it.
 */
async function tasksToSend(rows: NewDelivery[], mayBeReplay: (row: NewDelivery) => boolean, pool: Pool): Promise<DeliveryTask[]> {
  const known = new Map((await knownDeliveries(pool, rows.filter(mayBeReplay))).map((row) => [`${row.event_id} ${row.webhook_id}`, row]));
  const tasks: DeliveryTask[] = [];
  for (const row of rows) {
    const found = known.get(`${row.eventId} ${row.webhookId}`);
    if (found && (found.status !== 'pending' || found.next_attempt_at !== null)) continue;
    tasks.push({
      deliveryId: found?.id ?? row.id,
      webhookId: row.webhookId,
      orgId: row.orgId,
      eventId: row.eventId,
      eventType: row.eventType,
      attempt: (found?.attempt_count ?? 0) + 1,
      isTest: row.isTest,
      envelopeJson: row.envelopeJson,
      traceparent: row.traceparent,
      manual: found?.manual ?? false,
      publishedAtMs: row.publishedAt ? row.publishedAt.getTime() : 0,
    });
  }
  return tasks;
}

/** A W3C traceparent, or '' for anything else: a header is only a trace link, never a reason to refuse an event. */
function validTraceparent(value: string | undefined): string {
  return value && /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/.test(value) ? value : '';
}

/** How many webhooks an org has: the most deliveries one of its events can fan out to. */
function fanOutWidth(message: KafkaMessage, view: RoutingView): number {
  const orgId = message.key?.toString();
  return Math.max(1, orgId ? view.webhookCount(orgId) : 1);
}

/** Deliveries of the messages' events, and the messages that can never become any (poison). */
function deliveriesFor(messages: KafkaMessage[], view: RoutingView): { rows: NewDelivery[]; unusable: { message: KafkaMessage; error: PoisonRecordError }[] } {
  const rows = new Map<string, NewDelivery>();
  const unusable: { message: KafkaMessage; error: PoisonRecordError }[] = [];
  for (const message of messages) {
    if (!message.value || message.value.length === 0) continue;
    let event: eventsV1.Event;
    try {
      event = eventsV1.Event.decode(message.value);
    } catch (error) {
      unusable.push({ message, error: new PoisonRecordError('undecodable event', { cause: error }) });
      continue;
    }
    // Ingestion never accepts these; a delivery row could not store them. Checked here, where the
    // event can still be dead-lettered: its first write is the recorder's batch, much later.
    const invalid = () => unusable.push({ message, error: new PoisonRecordError(`invalid event ${JSON.stringify(event.id)}`) });
    if (!event.id || [event.id, event.orgId, event.type].some((text) => text.includes('\0'))) {
      invalid();
      continue;
    }
    const webhooks = matchWebhooks(view, event);
    if (webhooks.length === 0) continue;
    const envelope = envelopeJson(event);
    if (envelope.includes('\0')) {
      invalid();
      continue;
    }
    const traceparent = validTraceparent(headerValue(message.headers, 'traceparent'));
    // The broker timestamp is when ingestion produced the event: its acceptance time, to the ms.
    const publishedAt = new Date(Number(message.timestamp));
    for (const webhook of webhooks) {
      rows.set(`${event.id} ${webhook.webhookId}`, {
        id: deliveryIdFor(event.id, webhook.webhookId),
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
  return { rows: [...rows.values()], unusable };
}
