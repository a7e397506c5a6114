import { envelopeJson } from '../delivery/envelope';
import { upsertDeliveries, type QueueableDelivery } from '../db/delivery-store';
import { newId } from '../ids';
import type { IngestionClient } from '../peers';
import type { Pool } from 'pg';

export const DEFAULT_TEST_EVENT_TYPE = 'hookline.test';

/**
 * A test event: published through ingestion like any event (is_test, target = this webhook),
 * so it is stored and fanned out normally; its delivery row is created here at once so the
 * caller gets the delivery id (the fan-out finds the row and enqueues it).
 */
export async function sendTestEvent(
  pool: Pool,
  ingestion: IngestionClient,
  input: { orgId: string; webhookId: string; eventType: string; dataJson: string },
): Promise<QueueableDelivery> {
  const { event } = await ingestion.publish(
    { orgId: input.orgId, type: input.eventType, dataJson: input.dataJson, idempotencyKey: '', isTest: true, targetWebhookId: input.webhookId },
    { deadlineMs: 5_000 },
  );
  if (!event) throw new Error('ingestion answered without an event');
  const [row] = await upsertDeliveries(pool, [
    {
      id: newId('del'),
      orgId: input.orgId,
      webhookId: input.webhookId,
      eventId: event.id,
      eventType: event.type,
      isTest: true,
      envelopeJson: envelopeJson(event),
      traceparent: '',
      publishedAt: new Date(),
    },
  ]);
  return row;
}
