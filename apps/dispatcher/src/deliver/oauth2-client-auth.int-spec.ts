import { Receiver, waitFor, type ReceivedRequest } from '@hookline/testing';
import { Webhook } from 'standardwebhooks';
import type { RunningDispatcher } from '../app';
import { startAuthorizationServer, type AuthorizationServer } from '../testing/authorization-server';
import { attemptRows, deliveryRows, nonEmpty, startStack, type Stack } from '../testing/harness';

const ORG = 'org_oauth2_client_auth';

describe('OAuth2 client credentials against a real authorization server (oidc-provider)', () => {
  let stack: Stack;
  let dispatcher: RunningDispatcher;
  let server: AuthorizationServer;
  const receivers: Receiver[] = [];

  const oauth2 = (clientId: string, clientSecret: string, clientAuthMethod: string | undefined, tokenUrl = server.tokenUrl) => ({
    type: 'oauth2',
    headerName: '',
    headerValue: '',
    username: '',
    password: '',
    tokenUrl,
    clientId,
    clientSecret,
    scope: '',
    audience: '',
    clientAuthMethod,
  });

  /** A receiver behind a webhook with this auth; resolves once the dispatcher routes to it. */
  const webhookTo = async (auth: ReturnType<typeof oauth2>, responder?: ConstructorParameters<typeof Receiver>[0]) => {
    const endpoint = await new Receiver(responder).start();
    receivers.push(endpoint);
    const hook = await stack.registry.create(ORG, { url: endpoint.url, auth });
    await waitFor(() => dispatcher.routing.route(hook.webhookId), { message: 'the webhook to reach the routing view' });
    return { endpoint, hook };
  };
  const bearerOf = (request: ReceivedRequest) => /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';

  beforeAll(async () => {
    [stack, server] = await Promise.all([
      startStack(),
      startAuthorizationServer([
        { client_id: 'basic-client', client_secret: 'basic-secret:%&', token_endpoint_auth_method: 'client_secret_basic' },
        { client_id: 'post-client', client_secret: 'post-secret', token_endpoint_auth_method: 'client_secret_post' },
        { client_id: 'auto-client', client_secret: 'auto-secret', token_endpoint_auth_method: 'client_secret_post' },
        { client_id: 'both-client', client_secret: 'both-secret', token_endpoint_auth_method: 'client_secret_basic' },
      ]),
    ]);
    dispatcher = await stack.startDispatcher();
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await server?.stop();
    await Promise.all(receivers.map((r) => r.stop()));
  });

  it.each([
    ['client_secret_basic', 'client_secret_basic', 'basic-client', 'basic-secret:%&', { basic: true, body_secret: false }],
    ['client_secret_post', 'client_secret_post', 'post-client', 'post-secret', { basic: false, body_secret: true }],
    ['not configured (auto)', undefined, 'auto-client', 'auto-secret', { basic: true, body_secret: false }],
  ] as const)('client_auth_method %s: the receiver gets a token the provider reports active for that client', async (_label, method, clientId, secret, presented) => {
    const { endpoint, hook } = await webhookTo(oauth2(clientId, secret, method));
    await stack.ingestion.publish(ORG, 'transfer.completed', { client: clientId });

    const [request] = await waitFor(() => nonEmpty(endpoint.requests), { message: 'the delivery' });
    expect(() => new Webhook(hook.signingKeys[0]).verify(request.body, request.headers as Record<string, string>)).not.toThrow();
    expect(await server.introspect(bearerOf(request))).toMatchObject({ active: true, client_id: clientId });
    const seen = (await server.tokenRequests()).filter((r) => r.client_id === clientId);
    expect(seen).toEqual([{ client_id: clientId, status: 200, ...presented }]);
    const [delivery] = await waitFor(async () => nonEmpty((await deliveryRows(stack.db, hook.webhookId)).filter((d) => d.status === 'delivered')));
    expect(delivery.attempt_count).toBe(1);
  });

  it('both: the provider refuses two mechanisms, and its error is recorded verbatim as class auth', async () => {
    const { endpoint, hook } = await webhookTo(oauth2('both-client', 'both-secret', 'both'));
    await stack.ingestion.publish(ORG, 'transfer.completed', { client: 'both' });

    const [delivery] = await waitFor(async () => nonEmpty((await deliveryRows(stack.db, hook.webhookId)).filter((d) => d.attempt_count >= 1)), {
      message: 'the failed attempt',
    });
    const [attempt] = await attemptRows(stack.db, delivery.id);
    expect(attempt.error_class).toBe('auth');
    expect(attempt.error_message).toBe('OAuth2 token endpoint answered 400 (client auth both): invalid_request: client authentication must only be provided using one mechanism');
    expect(endpoint.requests).toHaveLength(0);
    const seen = (await server.tokenRequests()).filter((r) => r.client_id === 'both-client');
    expect(seen[0]).toEqual({ client_id: 'both-client', basic: true, body_secret: true, status: 400, error: 'invalid_request' });
  });

  it('auto against a server that refuses Basic: falls back to the form body and remembers it for the next token', async () => {
    // A strict server of the other kind (client_secret_post only), as some token endpoints are.
    const tokenEndpoint = new Receiver((request) => {
      const form = new URLSearchParams(request.body);
      if (request.headers.authorization) {
        return { status: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'invalid_client', error_description: 'use client_secret_post' }) };
      }
      const ok = form.get('client_id') === 'strict' && form.get('client_secret') === 'strict-secret';
      return ok
        ? { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ access_token: `tok-${Math.random()}`, expires_in: 3600 }) }
        : { status: 400, body: '{"error":"invalid_client"}' };
    });
    await tokenEndpoint.start();
    receivers.push(tokenEndpoint);
    let first = '';
    // The endpoint refuses the first token once (401): the dispatcher fetches a new token at once.
    const { endpoint } = await webhookTo(oauth2('strict', 'strict-secret', undefined, `${tokenEndpoint.url}/token`), (request) => {
      first ||= request.headers.authorization ?? '';
      return request.headers.authorization === first ? { status: 401 } : { status: 200 };
    });
    await stack.ingestion.publish(ORG, 'transfer.completed', { client: 'strict' });

    await waitFor(() => endpoint.requests.length === 2, { message: 'the 401 and the retry with a new token' });
    expect(tokenEndpoint.requests.map((r) => (r.headers.authorization ? 'basic' : 'post'))).toEqual(['basic', 'post', 'post']);
    expect(bearerOf(endpoint.requests[1])).not.toBe(bearerOf(endpoint.requests[0]));
  });
});
