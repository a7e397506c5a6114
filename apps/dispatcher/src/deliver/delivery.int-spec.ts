import { generateKeyPair, generateSigningSecret, verifySignature } from '@hookline/signing';
import { Receiver, waitFor, type ReceivedRequest } from '@hookline/testing';
import { Webhook } from 'standardwebhooks';
import type { RunningDispatcher } from '../app';
import { attemptRows, deliveryRows, nonEmpty, startStack, type Stack } from '../testing/harness';

const ORG = 'org_delivery';

describe('delivering an event to a real endpoint', () => {
  let stack: Stack;
  let dispatcher: RunningDispatcher;
  const receivers: Receiver[] = [];
  const receiver = async (responder?: ConstructorParameters<typeof Receiver>[0]) => {
    const r = await new Receiver(responder).start();
    receivers.push(r);
    return r;
  };
  /** Creates a webhook and waits until the running dispatcher routes to it. */
  const webhook = async (fields: Parameters<Stack['registry']['create']>[1]) => {
    const created = await stack.registry.create(ORG, fields);
    await waitFor(() => dispatcher.routing.route(created.webhookId), { message: 'the webhook to reach the routing view' });
    return created;
  };
  const headersOf = (request: ReceivedRequest) => request.headers as Record<string, string>;

  beforeAll(async () => {
    stack = await startStack();
    dispatcher = await stack.startDispatcher();
  });
  afterAll(async () => {
    await stack?.stop();
    await Promise.all(receivers.map((r) => r.stop()));
  });

  it('the receiver gets the signed envelope, and standardwebhooks verifies it unchanged', async () => {
    const endpoint = await receiver();
    const hook = await webhook({ url: `${endpoint.url}/hooks` });
    const event = await stack.ingestion.publish(ORG, 'transfer.completed', { amount: 100, currency: 'EUR' });

    const [request] = await waitFor(() => (endpoint.requests.length === 1 ? endpoint.requests : undefined), { message: 'the POST' });
    const headers = headersOf(request);
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/hooks');
    expect(JSON.parse(request.body)).toEqual({
      id: event.id,
      object: 'event',
      type: 'transfer.completed',
      source: 'hookline-test',
      time: event.time,
      is_test: false,
      data: { amount: 100, currency: 'EUR' },
    });
    expect(headers['content-type']).toBe('application/json');
    expect(headers['user-agent']).toMatch(/^Hookline\/\d+\.\d+\.\d+/);
    expect(headers['webhook-id']).toMatch(/^del_/);
    expect(headers['hookline-event-type']).toBe('transfer.completed');
    expect(headers.traceparent).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(() => new Webhook(hook.signingKeys[0]).verify(request.body, headers)).not.toThrow();

    // The outcome is durable: delivery delivered, one attempt with the response.
    const [delivery] = await waitFor(async () => {
      const rows = await deliveryRows(stack.db, hook.webhookId);
      return rows[0]?.status === 'delivered' ? rows : undefined;
    });
    expect(delivery.id).toBe(headers['webhook-id']);
    const attempts = await attemptRows(stack.db, delivery.id);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ number: 1, response_status: 200, response_body: 'ok', error_class: null });
  });

  it('a thin payload omits data', async () => {
    const endpoint = await receiver();
    await webhook({ url: endpoint.url, payload: 'thin' });
    const event = await stack.ingestion.publish(ORG, 'transfer.completed', { secret: 'not sent' });
    const [request] = await waitFor(() => (endpoint.requests.length === 1 ? endpoint.requests : undefined));
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({ id: event.id, type: 'transfer.completed' });
    expect(body).not.toHaveProperty('data');
  });

  it.each(['ed25519', 'ecdsa-p256'] as const)('%s signatures verify with the public key', async (scheme) => {
    const endpoint = await receiver();
    const keys = generateKeyPair(scheme);
    await webhook({ url: endpoint.url, signatureScheme: scheme, signingKeys: [keys.privateKey] });
    await stack.ingestion.publish(ORG, 'transfer.completed', { n: 1 });
    const [request] = await waitFor(() => (endpoint.requests.length === 1 ? endpoint.requests : undefined));
    const headers = headersOf(request);
    const input = { scheme, msgId: headers['webhook-id'], timestamp: Number(headers['webhook-timestamp']), body: request.body, signature: headers['webhook-signature'] };
    expect(verifySignature({ ...input, key: keys.publicKey })).toBe(true);
    expect(verifySignature({ ...input, key: generateKeyPair(scheme).publicKey })).toBe(false);
  });

  it('during a rotation window both secrets verify; after it only the new one', async () => {
    const endpoint = await receiver();
    const [oldSecret, newSecret] = [generateSigningSecret(), generateSigningSecret()];
    const hook = await webhook({ url: endpoint.url, signingKeys: [newSecret, oldSecret] });
    await stack.ingestion.publish(ORG, 'transfer.completed', { n: 1 });
    const [during] = await waitFor(() => (endpoint.requests.length === 1 ? endpoint.requests : undefined));
    expect(() => new Webhook(newSecret).verify(during.body, headersOf(during))).not.toThrow();
    expect(() => new Webhook(oldSecret).verify(during.body, headersOf(during))).not.toThrow();

    // The window ends: the registry stops returning the old key (version bump on the feed).
    const updated = await stack.registry.update(hook.webhookId, { signingKeys: [newSecret] });
    await waitFor(() => dispatcher.routing.route(hook.webhookId)?.version === updated.version);
    await stack.ingestion.publish(ORG, 'transfer.completed', { n: 2 });
    const after = await waitFor(() => endpoint.requests[1]);
    expect(() => new Webhook(newSecret).verify(after.body, headersOf(after))).not.toThrow();
    expect(() => new Webhook(oldSecret).verify(after.body, headersOf(after))).toThrow();
  });

  it('sends the api_key header, and redacts it in the attempt log', async () => {
    const endpoint = await receiver();
    const hook = await webhook({ url: endpoint.url, auth: { type: 'api_key', headerName: 'X-Api-Key', headerValue: 'k-123', username: '', password: '', tokenUrl: '', clientId: '', clientSecret: '', scope: '', audience: '' } });
    await stack.ingestion.publish(ORG, 'transfer.completed', {});
    const [request] = await waitFor(() => (endpoint.requests.length === 1 ? endpoint.requests : undefined));
    expect(request.headers['x-api-key']).toBe('k-123');
    const [delivery] = await waitFor(async () => nonEmpty((await deliveryRows(stack.db, hook.webhookId)).filter((d) => d.status === 'delivered')));
    const [attempt] = await attemptRows(stack.db, delivery.id);
    expect(attempt.request_headers['x-api-key']).toBe('[redacted]');
    expect(attempt.request_headers['webhook-id']).toBe(delivery.id);
  });

  it('sends basic credentials', async () => {
    const endpoint = await receiver();
    await webhook({ url: endpoint.url, auth: { type: 'basic', headerName: '', headerValue: '', username: 'user', password: 'p@ss', tokenUrl: '', clientId: '', clientSecret: '', scope: '', audience: '' } });
    await stack.ingestion.publish(ORG, 'transfer.completed', {});
    const [request] = await waitFor(() => (endpoint.requests.length === 1 ? endpoint.requests : undefined));
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('user:p@ss').toString('base64')}`);
  });

  it('oauth2: one token request (HTTP Basic by default) for many deliveries; a 401 refreshes once', async () => {
    let issued = 0;
    const tokenEndpoint = await receiver(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ access_token: `tok-${++issued}`, token_type: 'Bearer', expires_in: 3600 }) }));
    let revoked = '';
    const endpoint = await receiver((request) => (request.headers.authorization === `Bearer ${revoked}` ? { status: 401 } : { status: 200 }));
    await webhook({
      url: endpoint.url,
      auth: { type: 'oauth2', headerName: '', headerValue: '', username: '', password: '', tokenUrl: `${tokenEndpoint.url}/token`, clientId: 'client:1', clientSecret: 's&cret', scope: 'hooks.write', audience: 'https://api.example' },
    });
    await stack.ingestion.publishMany(ORG, 'transfer.completed', Array.from({ length: 10 }, (_, n) => ({ n })));
    await waitFor(() => endpoint.requests.length === 10, { message: '10 deliveries' });
    expect(tokenEndpoint.requests).toHaveLength(1);
    const tokenRequest = tokenEndpoint.requests[0];
    expect(tokenRequest.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(tokenRequest.headers.authorization).toBe(`Basic ${Buffer.from('client%3A1:s%26cret').toString('base64')}`);
    // One client authentication method per request (RFC 6749 §2.3): Basic only, not also the body.
    expect(Object.fromEntries(new URLSearchParams(tokenRequest.body))).toEqual({
      grant_type: 'client_credentials',
      scope: 'hooks.write',
      audience: 'https://api.example',
    });
    expect(endpoint.requests.every((r) => r.headers.authorization === 'Bearer tok-1')).toBe(true);

    // The endpoint stops accepting the token: one new token, the same delivery retried at once.
    revoked = 'tok-1';
    await stack.ingestion.publish(ORG, 'transfer.completed', { n: 'after revoke' });
    await waitFor(() => endpoint.requests.length === 12, { message: 'the 401 and the immediate retry' });
    expect(tokenEndpoint.requests).toHaveLength(2);
    expect(endpoint.requests[10].headers.authorization).toBe('Bearer tok-1');
    expect(endpoint.requests[11].headers.authorization).toBe('Bearer tok-2');
    expect(endpoint.requests[11].headers['webhook-id']).toBe(endpoint.requests[10].headers['webhook-id']);
  });

  it('a failing token endpoint is recorded as the attempt error class auth', async () => {
    const tokenEndpoint = await receiver(() => ({ status: 500 }));
    const endpoint = await receiver();
    const hook = await webhook({
      url: endpoint.url,
      auth: { type: 'oauth2', headerName: '', headerValue: '', username: '', password: '', tokenUrl: tokenEndpoint.url, clientId: 'c', clientSecret: 's', scope: '', audience: '' },
    });
    await stack.ingestion.publish(ORG, 'transfer.completed', {});
    const [delivery] = await waitFor(async () => nonEmpty((await deliveryRows(stack.db, hook.webhookId)).filter((d) => d.attempt_count === 1)));
    const [attempt] = await attemptRows(stack.db, delivery.id);
    expect(attempt.error_class).toBe('auth');
    expect(endpoint.requests).toHaveLength(0);
  });

  it('first attempts for a webhook this instance owns skip the deliveries topic: handed to the sender in process, each recorded', async () => {
    const handedOver = async (route: 'local' | 'topic') => {
      const metrics = await (await fetch(`http://127.0.0.1:${dispatcher.opsPort}/metrics`)).text();
      const match = new RegExp(`^hookline_fanned_out_deliveries_total\\{[^}]*route="${route}"[^}]*\\} (\\d+)`, 'm').exec(metrics);
      return match ? Number(match[1]) : 0;
    };
    // An org of its own: the only webhook its events fan out to.
    const org = 'org_handover';
    const endpoint = await receiver();
    const hook = await stack.registry.create(org, { url: endpoint.url });
    await waitFor(() => dispatcher.routing.route(hook.webhookId), { message: 'the webhook to reach the routing view' });
    // The first delivery readies the webhook's lane (its limits come with its config).
    await stack.ingestion.publish(org, 'handover.test', { n: 0 });
    await waitFor(() => endpoint.requests.length === 1, { message: 'the first delivery' });
    const [localBefore, topicBefore] = [await handedOver('local'), await handedOver('topic')];

    await stack.ingestion.publishMany(org, 'handover.test', Array.from({ length: 20 }, (_, n) => ({ n: n + 1 })));
    await waitFor(() => endpoint.requests.length === 21, { message: '20 more deliveries' });
    expect((await handedOver('local')) - localBefore).toBe(20);
    expect((await handedOver('topic')) - topicBefore).toBe(0);
    // Handed over in process, still recorded like any other: 21 delivered, one attempt each.
    const rows = await waitFor(async () => {
      const all = await deliveryRows(stack.db, hook.webhookId);
      return all.length === 21 && all.every((row) => row.status === 'delivered') ? all : undefined;
    }, { message: '21 delivered rows' });
    for (const row of rows) expect(await attemptRows(stack.db, row.id)).toHaveLength(1);
  });

  it('a test event reaches a webhook the change feed has not announced yet (created a moment ago)', async () => {
    const endpoint = await receiver();
    const hook = await stack.registry.create(ORG, { url: endpoint.url }, { announce: false });
    expect(dispatcher.routing.route(hook.webhookId)).toBeUndefined();
    const event = await stack.ingestion.publish(ORG, 'hookline.test', { message: 'hello' }, { isTest: true, targetWebhookId: hook.webhookId });

    const [request] = await waitFor(() => nonEmpty(endpoint.requests), { message: 'the test delivery' });
    expect(JSON.parse(request.body)).toMatchObject({ id: event.id, is_test: true });
    const [row] = await waitFor(async () => nonEmpty((await deliveryRows(stack.db, hook.webhookId)).filter((r) => r.status === 'delivered')), {
      message: 'the delivery recorded as delivered',
    });
    expect(row.event_id).toBe(event.id);
  });

  it("a test event naming another organization's webhook is never sent: its delivery fails without an attempt", async () => {
    const endpoint = await receiver();
    const foreign = await stack.registry.create('org_someone_else', { url: endpoint.url }, { announce: false });
    await stack.ingestion.publish(ORG, 'hookline.test', { message: 'not yours' }, { isTest: true, targetWebhookId: foreign.webhookId });

    const [row] = await waitFor(async () => nonEmpty((await deliveryRows(stack.db, foreign.webhookId)).filter((r) => r.status === 'failed')), {
      message: 'the delivery to be failed',
    });
    expect(await attemptRows(stack.db, row.id)).toHaveLength(0);
    expect(endpoint.requests).toHaveLength(0);
  });
});
