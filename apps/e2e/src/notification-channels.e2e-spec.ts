import { Receiver, SmtpReceiver, waitFor } from '@hookline/testing';
import { createLiveWebhook, publishTransfer, waitForDelivery } from './support/customer';
import { startDeliveryStack, type DeliveryStack, type Organization } from './support/delivery-stack';

// Notification channels as an organization uses them: configured through the REST API, told by
// the real platform (registry, ingestion, dispatcher, gateway) through a loopback SMTP server and
// a chat receiver when its endpoints fail for good.

let stack: DeliveryStack;
let smtp: SmtpReceiver;
let chat: Receiver;
const failing: Receiver[] = [];

beforeAll(async () => {
  smtp = await SmtpReceiver.start();
  chat = await Receiver.start();
  // One retry 1 s after the first attempt, then the delivery is exhausted.
  stack = await startDeliveryStack({ retryScheduleSeconds: '1', dispatcherEnv: { HOOKLINE_SMTP_URL: smtp.url, HOOKLINE_SMTP_FROM: 'alerts@hookline.test' } });
}, 180_000);

afterAll(async () => {
  await Promise.all(failing.map((r) => r.stop()));
  await stack?.stop();
  await chat?.stop();
  await smtp?.stop();
}, 60_000);

async function brokenEndpoint(): Promise<Receiver> {
  const receiver = await Receiver.start(() => ({ status: 500, body: 'down' }));
  failing.push(receiver);
  return receiver;
}

/** The `hookline.delivery.exhausted` events of the org about one webhook. */
async function exhaustedAbout(org: Organization, webhookId: string): Promise<number> {
  const res = await stack.api('GET', '/v1/events?type=hookline.delivery.exhausted&limit=100', { key: org.adminKey });
  return (res.body.data as { data: { webhook_id: string } }[]).filter((event) => event.data.webhook_id === webhookId).length;
}

describe('notification channels', () => {
  it('are managed by admins through the REST API; chat URLs are shown by origin only', async () => {
    const org = await stack.createOrganization();
    const viewer = await org.keyFor('viewer');

    const created = await stack.api('POST', '/v1/notification-channels', { key: org.adminKey, body: { kind: 'slack', target: `${chat.url}/services/T000/B000/secret`, max_per_hour: 5 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      object: 'notification_channel',
      kind: 'slack',
      target: `${chat.url}/…`,
      event_types: ['hookline.delivery.exhausted', 'hookline.webhook.disabled'],
      failing_for_minutes: 0,
      dedupe_window_minutes: 60,
      max_per_hour: 5,
    });
    expect(JSON.stringify(created.body)).not.toContain('secret');
    expect((await stack.api('POST', '/v1/notification-channels', { key: viewer, body: { kind: 'email', target: 'x@example.test' } })).status).toBe(403);
    expect((await stack.api('POST', '/v1/notification-channels', { key: org.adminKey, body: { kind: 'email', target: 'not an address' } })).body.error).toMatchObject({ type: 'invalid_request', param: 'target' });
    expect((await stack.api('POST', '/v1/notification-channels', { key: org.adminKey, body: { kind: 'teams', target: 'http://169.254.169.254/latest' } })).body.error).toMatchObject({ type: 'invalid_request', param: 'target' });

    const listed = await stack.api('GET', '/v1/notification-channels', { key: viewer });
    expect(listed.body.data.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    const other = await stack.createOrganization();
    expect((await stack.api('DELETE', `/v1/notification-channels/${created.body.id}`, { key: other.adminKey })).status).toBe(404);
    expect((await stack.api('DELETE', `/v1/notification-channels/${created.body.id}`, { key: org.adminKey })).status).toBe(204);
    expect((await stack.api('GET', '/v1/notification-channels', { key: viewer })).body.data).toEqual([]);
  });

  it('an endpoint failing for good is told once by email and once on chat, however many of its deliveries are exhausted', async () => {
    const org = await stack.createOrganization();
    const developer = await org.keyFor('developer');
    for (const body of [
      { kind: 'email', target: 'oncall@example.test' },
      { kind: 'teams', target: `${chat.url}/teams/${org.id}` },
    ]) {
      expect((await stack.api('POST', '/v1/notification-channels', { key: org.adminKey, body })).status).toBe(201);
    }
    const first = await createLiveWebhook(stack, developer, await brokenEndpoint());

    // Several deliveries of one webhook exhausted: one notice per channel (dedupe).
    const events = await Promise.all([1, 2, 3].map((n) => publishTransfer(stack, developer, { n })));
    for (const eventId of events) await waitForDelivery(stack, developer, first.id, eventId, (d) => d.status === 'failed', 30_000);
    await waitFor(async () => (await exhaustedAbout(org, first.id)) >= 3, { timeoutMs: 15_000, message: 'three exhausted events' });
    // Then another webhook: its notice follows theirs on the org's partition, so once it is told, they were all handled.
    const second = await createLiveWebhook(stack, developer, await brokenEndpoint());
    await waitFor(() => chat.requests.some((r) => r.path === `/teams/${org.id}` && r.body.includes(second.id)), { timeoutMs: 30_000, message: 'the notice about the second webhook' });
    await waitFor(() => smtp.mails.filter((m) => m.raw.includes(second.id)).length === 1, { message: 'the email about the second webhook' });

    const chatAboutFirst = chat.requests.filter((r) => r.path === `/teams/${org.id}` && r.body.includes(first.id));
    expect(chatAboutFirst).toHaveLength(1);
    expect(JSON.parse(chatAboutFirst[0].body)).toMatchObject({ '@type': 'MessageCard', title: `Deliveries to webhook ${first.id} are failing` });
    const mailsAboutFirst = smtp.mails.filter((m) => m.raw.includes(first.id));
    expect(mailsAboutFirst).toHaveLength(1);
    expect(mailsAboutFirst[0]).toMatchObject({ from: 'alerts@hookline.test', to: ['oncall@example.test'] });
    expect(mailsAboutFirst[0].subject).toBe(`[Hookline] Deliveries to webhook ${first.id} are failing`);
  }, 120_000);
});
