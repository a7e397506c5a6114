import { headerValue, startBatchConsumer, type Kafka, type KafkaMessage, type RunningConsumer } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { eventsV1 } from '@hookline/proto';
import type { Pool } from 'pg';
import { taskFor, upsertDeliveries, type NewDelivery } from '../db/delivery-rows';
import type { DeliveryTaskQueue } from '../deliver/task-queue';
import { envelopeJson } from '../deliver/prepare';
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

/**
 * Deliveries per upsert + produce. A fetched batch can hold thousands of events (× webhooks
 * each); one statement or produce of that size would stall for seconds, so the batch is
 * handled in slices, each one's offsets resolved once its deliveries are durable.
 */
const SLICE_DELIVERIES = 2_000;

/**
 * Events in, deliveries out. Per slice of a fetched batch: match every event against the
 * routing view, ONE multi-row upsert of the deliveries, ONE produce of their tasks, then resolve
 * the offsets — so an event's offset is committed only once its deliveries are durable in both
 * places.
 */
export async function startFanOut(kafka: Kafka, deps: { pool: Pool; view: RoutingView; queue: DeliveryTaskQueue }, options: FanOutOptions): Promise<RunningConsumer> {
  const fanOutSlice = async (messages: KafkaMessage[]) => {
    const rows = deliveriesFor(messages, deps.view, options.logger);
    const created = await upsertDeliveries(deps.pool, rows);
    // Re-enqueue only what is not already handled: a replay must not resend delivered ones,
    // nor jump a retry scheduled for later.
    const tasks = created.filter((row) => row.status === 'pending' && row.next_attempt_at === null).map(taskFor);
    await deps.queue.enqueue(tasks);
    options.metrics.fannedOut.inc(tasks.length);
  };
  return startBatchConsumer(kafka, {
    groupId: options.groupId,
    topics: [options.topic],
    logger: options.logger,
    maxWaitTimeInMs: 10,
    partitionsConsumedConcurrently: 4,
    eachBatch: async (batch, { resolveOffset, heartbeat, isRunning, isStale }) => {
      let start = 0;
      while (start < batch.messages.length) {
        if (!isRunning() || isStale()) return;
        let end = start;
        let deliveries = 0;
        while (end < batch.messages.length && deliveries < SLICE_DELIVERIES) deliveries += fanOutWidth(batch.messages[end++], deps.view);
        const slice = batch.messages.slice(start, end);
        await fanOutSlice(slice);
        resolveOffset(slice[slice.length - 1].offset);
        await heartbeat();
        start = end;
      }
    },
  });
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
