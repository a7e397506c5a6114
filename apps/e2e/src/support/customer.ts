// What a customer does through the REST API, as small steps the delivery suite composes.
import { waitFor, type Receiver } from '@hookline/testing';
import type { DeliveryStack } from './delivery-stack';

export interface CreatedWebhook {
  id: string;
  signingSecret: string;
}

/** Publishes a `transfer.completed` event; answers its id. */
export async function publishTransfer(stack: DeliveryStack, key: string, data: Record<string, unknown>): Promise<string> {
  const res = await stack.api('POST', '/v1/events', { key, body: { type: 'transfer.completed', data } });
  if (res.status !== 201) throw new Error(`POST /v1/events answered ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/**
 * Creates a webhook for every customer event pointing at `receiver`, then waits until the
 * dispatcher routes to it: DESIGN gives a new webhook 1 s to take effect, so warm-up events are
 * published until one arrives (tests count requests per event id, never in total).
 */
export async function createLiveWebhook(stack: DeliveryStack, key: string, receiver: Receiver, extra: Record<string, unknown> = {}): Promise<CreatedWebhook> {
  const res = await stack.api('POST', '/v1/webhooks', { key, body: { name: `e2e webhook ${Math.random().toString(36).slice(2, 8)}`, url: receiver.url, ...extra } });
  if (res.status !== 201) throw new Error(`POST /v1/webhooks answered ${res.status} ${JSON.stringify(res.body)}`);
  const webhook: CreatedWebhook = { id: res.body.id, signingSecret: res.body.signing_secret };
  await waitFor(
    async () => {
      const eventId = await publishTransfer(stack, key, { warmup: true });
      return waitFor(() => receiver.requestsForEvent(eventId).length > 0, { timeoutMs: 1_500, message: 'warm-up event' }).catch(() => false);
    },
    { timeoutMs: 15_000, intervalMs: 0, message: `webhook ${webhook.id} to receive a warm-up event` },
  );
  return webhook;
}

/** The delivery of `eventId` to `webhookId` as the list API shows it, once `accept` holds. */
export async function waitForDelivery(
  stack: DeliveryStack,
  key: string,
  webhookId: string,
  eventId: string,
  accept: (delivery: any) => boolean,
  timeoutMs = 15_000,
): Promise<any> {
  let last: unknown;
  try {
    return await waitFor(
      async () => {
        const res = await stack.api('GET', `/v1/webhooks/events?webhook_id=${webhookId}&limit=100`, { key });
        const delivery = res.body.data?.find((d: { event_id: string }) => d.event_id === eventId);
        last = delivery ?? res.body;
        return delivery && accept(delivery) ? delivery : undefined;
      },
      { timeoutMs, intervalMs: 50, message: `the delivery of ${eventId} to ${webhookId}` },
    );
  } catch (error) {
    throw new Error(`${String(error)}; last seen: ${JSON.stringify(last)}`);
  }
}
