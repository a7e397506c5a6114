import { ConflictError } from '@hookline/errors';
import type { DeliveryView } from '../db/delivery-reads';
import { upsertDeliveries } from '../db/delivery-store';
import { deliveryIdFor } from '../model/delivery-id';
import { envelopeJson } from '../model/envelope';
import type { DeliveriesApiDeps } from './deliveries-api';
import { getDelivery } from './get-delivery';
import { webhookOfOrg } from './webhook-of-org';

const DEFAULT_TEST_EVENT_TYPE = 'hookline.test';

/**
 * A test event: published through ingestion like any event (is_test, target = this webhook),
 * so it is stored and fanned out normally; its delivery row is created here at once so the
 * caller gets the delivery (the fan-out derives the same id; its outcome updates this row).
 */
export async function sendTestEvent(
  deps: DeliveriesApiDeps,
  input: { orgId: string; webhookId: string; eventType?: string; dataJson?: string },
  signal?: AbortSignal,
): Promise<DeliveryView> {
  const config = await webhookOfOrg(deps.configs, input.orgId, input.webhookId);
  // Only an active webhook receives deliveries; a test event to any other would stay pending.
  if (config.status !== 'active') {
    throw new ConflictError(`webhook ${input.webhookId} is ${config.status}; test events go only to active webhooks`, {
      code: 'webhook_not_active',
    });
  }
  const type = input.eventType || config.wireProfile.testEventType || DEFAULT_TEST_EVENT_TYPE;
  const dataJson = input.dataJson || JSON.stringify({ message: 'This is a test event from Hookline.' });
  const { event } = await deps.ingestion.publish(
    { orgId: input.orgId, type, dataJson, idempotencyKey: '', isTest: true, targetWebhookId: input.webhookId },
    { deadlineMs: 5_000, signal },
  );
  if (!event) throw new Error('ingestion answered without an event');
  const [row] = await upsertDeliveries(deps.pool, [
    {
      id: deliveryIdFor(event.id, input.webhookId),
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
  return getDelivery(deps.pool, input.orgId, row.id);
}
