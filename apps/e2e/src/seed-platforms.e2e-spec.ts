import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as crypto from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Receiver, waitFor } from '@hookline/testing';
import { Webhook } from 'standardwebhooks';
import { createLiveWebhook, publishTransfer, waitForDelivery } from './support/customer';
import { startDeliveryStack, type DeliveryStack } from './support/delivery-stack';

// The seed platforms on Hookline (shared/seeds). Paylent (003): the operator gives the organization
// the hmac-hex wire profile, and receivers written from Paylent's documentation — in Node and in
// Python — accept every delivery as they receive it. Palisade (004): webhooks subscribe to a
// category, which includes types added to it later.

let stack: DeliveryStack;
const receivers: Receiver[] = [];
let python: ChildProcessWithoutNullStreams | undefined;

beforeAll(async () => {
  stack = await startDeliveryStack({ retryScheduleSeconds: '1,1' });
}, 180_000);

afterAll(async () => {
  python?.kill();
  await Promise.all(receivers.map((r) => r.stop()));
  await stack?.stop();
}, 60_000);

// Paylent's documented Node receiver, unchanged but for the length check timingSafeEqual needs.
function verifyWebhook(rawBody: string, signatureHeader: string, secret: string): boolean {
  const expected = crypto.createHmac('sha256', secret).update(rawBody).digest('hex');
  const received = signatureHeader.replace('sha256=', '');
  return expected.length === received.length && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(received));
}

const PAYLENT = {
  name: 'hmac-hex',
  brand: 'Paylent',
  user_agent: 'Paylent-Webhook/1.0',
  envelope: { type: 'event', id: 'event_id', timestamp: 'timestamp', data: 'data', fixed: { environment_id: 'env_e2e' } },
  test_event_type: 'webhook.test',
  retry_schedule_seconds: [1, 1, 1, 1, 1],
};

/** The Python receiver: its port, and the lines it prints per request. */
async function startPythonReceiver(secretFile: string): Promise<{ url: string; lines: string[] }> {
  python = spawn('python3', [join(__dirname, 'support/paylent_receiver.py'), secretFile]);
  const lines: string[] = [];
  createInterface({ input: python.stdout }).on('line', (line) => lines.push(line));
  const port = await waitFor(() => lines[0], { timeoutMs: 15_000, message: 'the Python receiver to print its port' });
  return { url: `http://127.0.0.1:${port}/webhooks/paylent`, lines };
}

describe('an organization on the hmac-hex wire profile (Paylent)', () => {
  it('every delivery verifies in Paylent’s Node and Python receivers; a tampered body does not; test events are webhook.test', async () => {
    const org = await stack.createOrganization();
    const developer = await org.keyFor('developer');
    const viewer = await org.keyFor('viewer');

    // The organization's members see the profile; only the operator sets it.
    expect([401, 403]).toContain((await stack.api('PUT', `/v1/admin/organizations/${org.id}/wire-profile`, { key: org.adminKey, body: PAYLENT })).status);
    const invalid = await stack.api('PUT', `/v1/admin/organizations/${org.id}/wire-profile`, { key: stack.operatorKey, body: { name: 'hmac-hex' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({ param: 'brand' });
    const set = await stack.api('PUT', `/v1/admin/organizations/${org.id}/wire-profile`, { key: stack.operatorKey, body: PAYLENT });
    expect(set.status).toBe(200);
    const read = await stack.api('GET', '/v1/wire-profile', { key: viewer });
    expect(read.body).toEqual({ object: 'wire_profile', ...PAYLENT, is_default: false });

    // Node: the documented function over the raw body.
    const node = await Receiver.start();
    receivers.push(node);
    const webhook = await createLiveWebhook(stack, developer, node);
    const eventId = await publishTransfer(stack, developer, { transfer_id: 'tr_paylent', amount: 500, currency: 'EUR' });
    const [request] = await waitFor(() => (node.requestsForEvent(eventId).length ? node.requestsForEvent(eventId) : undefined), { message: 'the Node receiver to get the event' });
    expect(request.headers['user-agent']).toBe('Paylent-Webhook/1.0');
    expect(request.headers['x-paylent-event']).toBe('transfer.completed');
    expect(request.headers['webhook-signature']).toBeUndefined();
    expect(verifyWebhook(request.body, String(request.headers['x-paylent-signature']), webhook.signingSecret)).toBe(true);
    expect(verifyWebhook(request.body.replace('tr_paylent', 'tr_forged'), String(request.headers['x-paylent-signature']), webhook.signingSecret)).toBe(false);
    expect(JSON.parse(request.body)).toEqual({
      event: 'transfer.completed',
      event_id: eventId,
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      environment_id: 'env_e2e',
      data: { transfer_id: 'tr_paylent', amount: 500, currency: 'EUR' },
    });

    // Python: delivered means the receiver's own check said yes.
    const secretFile = join(mkdtempSync(join(tmpdir(), 'paylent-')), 'secret');
    const py = await startPythonReceiver(secretFile);
    const created = await stack.api('POST', '/v1/webhooks', { key: developer, body: { name: 'Paylent python receiver', url: py.url, event_types: ['transfer.completed'] } });
    expect(created.status).toBe(201);
    writeFileSync(secretFile, created.body.signing_secret);
    const published: string[] = [];
    await waitFor(
      async () => {
        published.push(await publishTransfer(stack, developer, { transfer_id: `tr_py_${published.length}`, amount: 1, currency: 'EUR' }));
        return py.lines.some((line) => line.startsWith('200 transfer.completed '));
      },
      { timeoutMs: 30_000, intervalMs: 500, message: 'the Python receiver to accept a delivery' },
    );
    const acceptedId = py.lines.find((line) => line.startsWith('200 '))!.split(' ')[2];
    await waitForDelivery(stack, viewer, created.body.id, acceptedId, (d) => d.status === 'delivered');
    // Deliveries that reached it before its secret was written were refused (401) and are retried.
    // The same request with one byte changed: the Python receiver refuses it.
    const tampered = await fetch(py.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-paylent-signature': String(request.headers['x-paylent-signature']) },
      body: request.body.replace('tr_paylent', 'tr_forged'),
    });
    expect(tampered.status).toBe(401);

    // A test delivery without a type is Paylent's webhook.test.
    const test = await stack.api('POST', `/v1/webhooks/${webhook.id}/test`, { key: developer, body: {} });
    expect(test.status).toBe(202);
    expect(test.body.event_type).toBe('webhook.test');
    const testRequest = await waitFor(() => node.requests.find((r) => r.headers['x-paylent-event'] === 'webhook.test'), { message: 'the test delivery' });
    expect(verifyWebhook(testRequest.body, String(testRequest.headers['x-paylent-signature']), webhook.signingSecret)).toBe(true);
  });
});

describe('group subscriptions', () => {
  it('a webhook subscribed to transfer.* receives types added to the group after it subscribed, and nothing of other groups', async () => {
    const org = await stack.createOrganization();
    const developer = await org.keyFor('developer');
    const endpoint = await Receiver.start();
    receivers.push(endpoint);
    const webhook = await createLiveWebhook(stack, developer, endpoint, { event_types: ['transfer.*'] });
    const unknownGroup = await stack.api('POST', '/v1/webhooks', { key: developer, body: { name: 'no such group', url: endpoint.url, event_types: ['nothing_here.*'] } });
    expect(unknownGroup.status).toBe(400);
    expect(unknownGroup.body.error).toMatchObject({ code: 'event_type_unknown', param: 'event_types[0]' });

    // Added by the operator after the webhook subscribed: one named under the group, one only placed in it.
    const suffix = Math.random().toString(36).slice(2, 8);
    const named = `transfer.reversed_${suffix}`;
    const placed = `dispute.opened_${suffix}`;
    for (const entry of [{ type: named }, { type: placed, group: 'transfer' }, { type: `payout.held_${suffix}`, group: 'payout' }]) {
      const res = await stack.api('POST', '/v1/admin/event-types', { key: stack.operatorKey, body: entry });
      expect(res.status).toBe(201);
    }
    const publish = async (type: string) => {
      const res = await stack.api('POST', '/v1/events', { key: developer, body: { type, data: { n: 1 } } });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const other = await publish(`payout.held_${suffix}`);
    const ids = [await publish(named), await publish(placed)];

    for (const id of ids) {
      const [request] = await waitFor(() => (endpoint.requestsForEvent(id).length ? endpoint.requestsForEvent(id) : undefined), { message: `event ${id} to arrive` });
      expect(new Webhook(webhook.signingSecret).verify(request.body, request.headers as Record<string, string>)).toMatchObject({ id });
    }
    // Published before the two that arrived, on the same partition (key: organization): had it matched, it would be here.
    expect(endpoint.requestsForEvent(other)).toEqual([]);
  });
});
