import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GrpcPublisher, HooklineApiError, HooklineClient, verify, WebhookVerificationError } from '@hookline/sdk';
import { Webhook } from 'standardwebhooks';
import { Receiver, startTsProcess, testPublisherTls, waitFor, type ReceivedRequest } from '@hookline/testing';
import { createLiveWebhook } from './support/customer';
import { startDeliveryStack, type DeliveryStack } from './support/delivery-stack';

// The SDK README's path against the real platform (registry, ingestion, dispatcher, gateway;
// Kafka and PostgreSQL): publish with the client, receive on loopback, verify every scheme with
// the keys the API hands out, follow and retry deliveries, publish over gRPC with mutual TLS.

let stack: DeliveryStack;
let client: HooklineClient;
let developerKey: string;
let orgId: string;
const receivers: Receiver[] = [];

beforeAll(async () => {
  // A busy machine compiles the services slowly.
  stack = await startDeliveryStack({ retryScheduleSeconds: '1,1', startTimeoutMs: 150_000 });
  const org = await stack.createOrganization();
  orgId = org.id;
  developerKey = await org.keyFor('developer');
  client = new HooklineClient({ baseUrl: stack.gatewayUrl, apiKey: developerKey });
}, 600_000);

afterAll(async () => {
  await Promise.all(receivers.map((r) => r.stop()));
  await stack?.stop();
}, 60_000);

async function endpoint(): Promise<Receiver> {
  const receiver = await Receiver.start();
  receivers.push(receiver);
  return receiver;
}

/** The Events API reads the archive, which trails the publish's acknowledgement by the archive consumer's lag. */
function archived(eventId: string) {
  return waitFor(() => client.events.get(eventId), { timeoutMs: 20_000, message: `event ${eventId} in the archive` });
}

function arrival(receiver: Receiver, eventId: string): Promise<ReceivedRequest> {
  return waitFor(() => receiver.requestsForEvent(eventId)[0], { timeoutMs: 20_000, message: `event ${eventId} at ${receiver.url}` });
}

describe('publish with the client', () => {
  it('publishes once per Idempotency-Key: the same key again answers the first event', async () => {
    const first = await client.publish({ type: 'transfer.completed', data: { transfer_id: 'tr_sdk_1', amount: 100, currency: 'EUR' } }, { idempotencyKey: 'sdk-e2e-order-1' });
    const again = await client.publish({ type: 'transfer.completed', data: { transfer_id: 'tr_sdk_1', amount: 100, currency: 'EUR' } }, { idempotencyKey: 'sdk-e2e-order-1' });
    expect(first).toMatchObject({ object: 'event', type: 'transfer.completed', data: { transfer_id: 'tr_sdk_1' } });
    expect(again.id).toBe(first.id);
    expect((await archived(first.id)).data).toEqual({ transfer_id: 'tr_sdk_1', amount: 100, currency: 'EUR' });
  });

  it('throws the API error with its code for an event the catalog refuses', async () => {
    const refused = await client.publish({ type: 'no.such.type', data: {} }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HooklineApiError);
    expect(refused).toMatchObject({ status: 400 });
  });
});

describe('receive and verify', () => {
  it.each([
    ['hmac-sha256', 'v1', 'signing_secret'],
    ['ed25519', 'v1a', 'public_key'],
    ['ecdsa-p256', 'v1e', 'public_key'],
  ] as const)('a %s webhook: verify() accepts the delivery with the key the API handed out, and refuses it altered', async (scheme, version, keyField) => {
    const receiver = await endpoint();
    const created = await stack.api('POST', '/v1/webhooks', { key: developerKey, body: { name: `sdk ${scheme} webhook`, url: receiver.url, signature_scheme: scheme } });
    expect(created.status).toBe(201);
    const key: string = created.body[keyField];
    expect(key).toMatch(scheme === 'hmac-sha256' ? /^whsec_/ : scheme === 'ed25519' ? /^whpk_/ : /^-----BEGIN PUBLIC KEY-----/);

    // A new webhook takes effect within 1 s: publish until one arrives.
    const request = await waitFor(
      async () => {
        const event = await client.publish({ type: 'transfer.completed', data: { transfer_id: `tr_${scheme}`, amount: 1, currency: 'EUR' } });
        return waitFor(() => receiver.requestsForEvent(event.id)[0], { timeoutMs: 2_000, message: 'delivery' }).catch(() => undefined);
      },
      { timeoutMs: 20_000, intervalMs: 0, message: `a delivery to the ${scheme} webhook` },
    );
    expect(String(request.headers['webhook-signature'])).toMatch(new RegExp(`^${version},`));
    const event = verify(request.body, request.headers, key);
    expect(event).toMatchObject({ object: 'event', type: 'transfer.completed', data: { transfer_id: `tr_${scheme}` } });
    expect(() => verify(request.body.replace('tr_', 'tx_'), request.headers, key)).toThrow(WebhookVerificationError);
    // v1 beside the standardwebhooks library: it verifies the same delivery to the same event.
    if (version === 'v1') expect(new Webhook(key).verify(request.body, request.headers as Record<string, string>)).toEqual(event);
  });

  it('during a secret rotation verifies with the previous secret and with the new one', async () => {
    const receiver = await endpoint();
    const webhook = await createLiveWebhook(stack, developerKey, receiver);
    const rotated = await stack.api('POST', `/v1/webhooks/${webhook.id}/rotate-secret`, { key: developerKey });
    expect(rotated.status).toBe(200);
    const newSecret: string = rotated.body.secret;

    const request = await waitFor(
      async () => {
        const event = await client.publish({ type: 'transfer.completed', data: { transfer_id: 'tr_rotation', amount: 1, currency: 'EUR' } });
        const delivered = await arrival(receiver, event.id);
        // Within 1 s the dispatcher signs with both secrets; until then a delivery may carry one.
        return String(delivered.headers['webhook-signature']).split(' ').length === 2 ? delivered : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 0, message: 'a delivery signed with both secrets' },
    );
    expect(verify(request.body, request.headers, webhook.signingSecret).id).toBe(JSON.parse(request.body).id);
    expect(verify(request.body, request.headers, newSecret).id).toBe(JSON.parse(request.body).id);
    expect(verify(request.body, request.headers, [newSecret, webhook.signingSecret]).id).toBe(JSON.parse(request.body).id);
  });
});

describe('follow and retry deliveries', () => {
  it('lists the delivery of a published event, reads its attempts and retries it: the endpoint gets the same webhook-id again', async () => {
    const receiver = await endpoint();
    const webhook = await createLiveWebhook(stack, developerKey, receiver);
    const event = await client.publish({ type: 'transfer.completed', data: { transfer_id: 'tr_retry', amount: 1, currency: 'EUR' } });
    const first = await arrival(receiver, event.id);

    const delivery = await waitFor(
      async () => (await client.deliveries.list({ webhook_id: webhook.id, limit: 100 })).data.find((d) => d.event_id === event.id && d.status === 'delivered'),
      { message: 'the delivery listed as delivered' },
    );
    const detail = await client.deliveries.get(delivery.id);
    expect(detail.attempts).toHaveLength(1);
    expect(detail.attempts[0]).toMatchObject({ number: 1, response_status: 200, error: null });

    expect(await client.deliveries.retry(delivery.id)).toMatchObject({ object: 'webhook_event_retry', status: 'queued' });
    await waitFor(() => receiver.requestsForEvent(event.id).length === 2, { timeoutMs: 20_000, message: 'the retried delivery' });
    expect(receiver.requestsForEvent(event.id).map((r) => r.headers['webhook-id'])).toEqual([first.headers['webhook-id'], first.headers['webhook-id']]);
  });
});

describe('publish over gRPC with mutual TLS', () => {
  it('publishes as an internal service with a publisher certificate; the same idempotency key answers the first event as a duplicate', async () => {
    const ingestion = stack.services.find((service) => service.name === 'ingestion')!;
    const publisher = new GrpcPublisher({ address: ingestion.grpcAddress, tls: testPublisherTls('sdk-e2e', [orgId]) });
    try {
      const input = { orgId, type: 'transfer.completed', data: { transfer_id: 'tr_grpc', amount: 5, currency: 'EUR' }, idempotencyKey: 'sdk-e2e-grpc-1' };
      const first = await publisher.publish(input);
      const again = await publisher.publish(input);
      expect(first).toMatchObject({ orgId, type: 'transfer.completed', duplicate: false, data: input.data });
      expect(again).toMatchObject({ id: first.id, duplicate: true });
      expect((await archived(first.id)).data).toEqual(input.data);
      // A certificate limited to other organizations may not publish for this one.
      const stranger = new GrpcPublisher({ address: ingestion.grpcAddress, tls: testPublisherTls('sdk-e2e-other', ['org_someone_else']), attempts: 1 });
      await expect(stranger.publish({ ...input, idempotencyKey: 'sdk-e2e-grpc-2' })).rejects.toMatchObject({ code: 7 });
      stranger.close();
      // Another service of the same CA at that address is not taken for ingestion.
      const registry = stack.services.find((service) => service.name === 'registry')!;
      const misdirected = new GrpcPublisher({ address: registry.grpcAddress, tls: testPublisherTls('sdk-e2e', [orgId]), attempts: 1 });
      await expect(misdirected.publish({ ...input, idempotencyKey: 'sdk-e2e-grpc-3' })).rejects.toMatchObject({ code: 14 });
      misdirected.close();
    } finally {
      publisher.close();
    }
  });
});

describe('the hookline CLI', () => {
  const configFile = join(mkdtempSync(join(tmpdir(), 'hookline-cli-e2e-')), 'hookline', 'config.json');
  const cliEnv = { HOOKLINE_CONFIG: configFile, HOOKLINE_URL: '', HOOKLINE_API_KEY: '' };
  const CLI = 'libs/sdk/src/cli/main.ts';

  async function hookline(...args: string[]): Promise<{ code: number | string; output: string }> {
    const run = startTsProcess(CLI, cliEnv, args);
    const code = await run.exited;
    return { code, output: run.output() };
  }

  it('logs in (key checked, kept 0600), publishes, tails the delivery, retries it, and verifies the saved request', async () => {
    const receiver = await endpoint();
    const webhook = await createLiveWebhook(stack, developerKey, receiver);

    const refused = await hookline('login', '--url', stack.gatewayUrl, '--api-key', 'hk_not_a_key');
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/refused the key: 401/);
    const login = await hookline('login', '--url', stack.gatewayUrl, '--api-key', developerKey);
    expect(login).toMatchObject({ code: 0, output: expect.stringContaining('as developer') });
    expect(statSync(configFile).mode & 0o777).toBe(0o600);

    const published = await hookline('events', 'publish', '--type', 'transfer.completed', '--data', '{"transfer_id":"tr_cli","amount":7,"currency":"EUR"}', '--idempotency-key', 'cli-1');
    expect(published.code).toBe(0);
    const event = JSON.parse(published.output);
    expect(event).toMatchObject({ object: 'event', data: { transfer_id: 'tr_cli' } });
    const request = await arrival(receiver, event.id);
    const deliveryId = String(request.headers['webhook-id']);

    const tail = startTsProcess(CLI, cliEnv, ['deliveries', 'tail', '--webhook', webhook.id, '--interval', '200']);
    try {
      await waitFor(() => new RegExp(`${deliveryId} transfer.completed delivered attempts=1 http=200`).test(tail.output()), { timeoutMs: 30_000, message: `tail to show ${deliveryId}` });
      const retried = await hookline('deliveries', 'retry', deliveryId);
      expect(retried.code).toBe(0);
      expect(JSON.parse(retried.output)).toMatchObject({ object: 'webhook_event_retry', status: 'queued' });
      await waitFor(() => new RegExp(`${deliveryId} transfer.completed delivered attempts=2`).test(tail.output()), { timeoutMs: 30_000, message: 'tail to show the second attempt' });
    } finally {
      expect(await tail.stop(5_000)).toBe(0);
    }

    // The request as the endpoint received it, saved raw, checked later (so the timestamp is ignored).
    const saved = join(configFile, '..', 'request.http');
    const head = Object.entries(request.headers).map(([name, value]) => `${name}: ${String(value)}`);
    writeFileSync(saved, `POST /webhooks HTTP/1.1\r\n${head.join('\r\n')}\r\n\r\n${request.body}`);
    const verified = await hookline('verify', '--file', saved, '--key', webhook.signingSecret, '--ignore-timestamp');
    expect(verified).toMatchObject({ code: 0, output: expect.stringContaining(`verified: ${deliveryId}`) });
    writeFileSync(saved, `POST /webhooks HTTP/1.1\r\n${head.join('\r\n')}\r\n\r\n${request.body.replace('tr_cli', 'tr_cl1')}`);
    const tampered = await hookline('verify', '--file', saved, '--key', webhook.signingSecret, '--ignore-timestamp');
    expect(tampered).toMatchObject({ code: 1, output: expect.stringContaining('not verified') });
  });
});
