import { Receiver, waitFor } from '@hookline/testing';
import { Webhook } from 'standardwebhooks';
import { createLiveWebhook, publishTransfer } from './support/customer';
import { startDeliveryStack, type DeliveryStack } from './support/delivery-stack';

// Payload filters end to end (DESIGN §2): two webhooks on real loopback receivers, one with a
// filter; of a mix of published events the filtered one receives exactly those its filter accepts,
// the other all of them; a new filter reaches the fan-out through the change feed.

let stack: DeliveryStack;
const receivers: Receiver[] = [];

beforeAll(async () => {
  stack = await startDeliveryStack({ retryScheduleSeconds: '1,1' });
}, 180_000);

afterAll(async () => {
  await Promise.all(receivers.map((r) => r.stop()));
  await stack?.stop();
}, 60_000);

const bigPayments = { and: [{ field: 'data.amount', gte: 100 }, { field: 'data.currency', in: ['USD', 'EUR'] }] };
// The warm-up events createLiveWebhook publishes carry `warmup`: let them through to show the webhook is live.
const orWarmup = (filter: object) => ({ or: [{ field: 'data.warmup', exists: true }, filter] });

async function startReceiver(): Promise<Receiver> {
  const receiver = await Receiver.start();
  receivers.push(receiver);
  return receiver;
}

const arrived = (receiver: Receiver, eventId: string) =>
  waitFor(() => (receiver.requestsForEvent(eventId).length ? receiver.requestsForEvent(eventId) : undefined), { message: `event ${eventId} to arrive` });

describe('a webhook with a payload filter', () => {
  it('receives exactly the published events its filter accepts; an unfiltered webhook receives them all', async () => {
    const org = await stack.createOrganization();
    const developer = await org.keyFor('developer');
    const everything = await startReceiver();
    const filtered = await startReceiver();
    await createLiveWebhook(stack, developer, everything);
    const hook = await createLiveWebhook(stack, developer, filtered, { filter: orWarmup(bigPayments) });

    const mix = [
      { transfer_id: 'tr_1', amount: 150, currency: 'USD' }, // accepted
      { transfer_id: 'tr_2', amount: 50, currency: 'USD' }, // too small
      { transfer_id: 'tr_3', amount: 900, currency: 'GBP' }, // other currency
      { transfer_id: 'tr_4', amount: 100, currency: 'EUR' }, // accepted (gte)
      { transfer_id: 'tr_5', amount: '500', currency: 'EUR' }, // a string is not a number
      { transfer_id: 'tr_6', currency: 'USD' }, // no amount
      { transfer_id: 'tr_7', amount: 12_000, currency: 'EUR' }, // accepted, published last
    ];
    const ids: string[] = [];
    for (const data of mix) ids.push(await publishTransfer(stack, developer, data));
    const accepted = [ids[0], ids[3], ids[6]];

    for (const id of ids) await arrived(everything, id);
    for (const id of accepted) {
      const [request] = await arrived(filtered, id);
      expect(new Webhook(hook.signingSecret).verify(request.body, request.headers as Record<string, string>)).toMatchObject({ id });
    }
    // Every event was fanned out in publication order on one partition (key: organization), and the
    // last one has arrived: had any other matched, it would have been routed to the filtered webhook too.
    const received = new Set(filtered.requests.map((r) => JSON.parse(r.body).id as string));
    expect(ids.filter((id) => received.has(id))).toEqual(accepted);
    // The delivery list agrees, once the last attempt's row is written (after its POST).
    const listed = await waitFor(
      async () => {
        const res = await stack.api('GET', `/v1/webhooks/events?webhook_id=${hook.id}&limit=100`, { key: developer });
        const eventIds = new Set((res.body.data as { event_id: string }[]).map((d) => d.event_id));
        return accepted.every((id) => eventIds.has(id)) ? eventIds : undefined;
      },
      { message: 'the filtered webhook’s deliveries to be listed' },
    );
    expect(ids.filter((id) => listed.has(id))).toEqual(accepted);
  });

  it('a changed filter reaches the fan-out through the change feed', async () => {
    const org = await stack.createOrganization();
    const developer = await org.keyFor('developer');
    const filtered = await startReceiver();
    const hook = await createLiveWebhook(stack, developer, filtered, { filter: orWarmup(bigPayments) });

    const pounds = { field: 'data.currency', eq: 'GBP' };
    const patched = await stack.api('PATCH', `/v1/webhooks/${hook.id}`, { key: developer, body: { filter: pounds } });
    expect(patched.status).toBe(200);
    // The change takes effect within about a second: publish GBP events until one arrives.
    await waitFor(
      async () => {
        const id = await publishTransfer(stack, developer, { amount: 1, currency: 'GBP' });
        return waitFor(() => filtered.requestsForEvent(id).length > 0, { timeoutMs: 1_500, message: 'a GBP event' }).catch(() => false);
      },
      { timeoutMs: 20_000, intervalMs: 0, message: 'the new filter to take effect' },
    );
    const usd = await publishTransfer(stack, developer, { amount: 5_000, currency: 'USD' });
    const last = await publishTransfer(stack, developer, { amount: 2, currency: 'GBP' });
    await arrived(filtered, last);
    expect(filtered.requestsForEvent(usd)).toEqual([]);
  });
});
