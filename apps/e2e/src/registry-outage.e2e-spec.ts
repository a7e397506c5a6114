import { randomBytes } from 'node:crypto';
import { callApi, Receiver, waitFor, type ServiceProcess } from '@hookline/testing';
import { createLiveWebhook, publishTransfer } from './support/customer';
import { startDeliveryStack, type DeliveryStack, type Organization } from './support/delivery-stack';

// The registry process stopped while customers keep using the REST API: keys and portal
// sessions the gateway has seen keep publishing and reading deliveries and events (the gateway
// checks them from its credential cache, kept current by the registry's credential feed); the
// registry's read views answer what they last answered; a key revoked before the stop stays
// refused; a key never seen gets 503 + Retry-After, not 401.

let stack: DeliveryStack;
let endpoint: Receiver;
let org: Organization;
let registry: ServiceProcess;

beforeAll(async () => {
  stack = await startDeliveryStack({ retryScheduleSeconds: '1,1' });
  endpoint = await Receiver.start();
  registry = stack.services.find((service) => service.name === 'registry')!;
  org = await stack.createOrganization();
}, 300_000);

afterAll(async () => {
  await endpoint?.stop();
  await stack?.stop();
}, 90_000);

/** A key issued by the operator, with its id (to revoke it). */
async function issueKey(role: 'developer' | 'viewer'): Promise<{ id: string; key: string }> {
  const res = await callApi(stack.gatewayUrl, 'POST', `/v1/admin/organizations/${org.id}/api-keys`, { key: stack.operatorKey, body: { role, owner: `${role}-${randomBytes(3).toString('hex')}` } });
  if (res.status !== 201) throw new Error(`issuing a key answered ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, key: res.body.key };
}

it('a revocation reaches the gateway within a second', async () => {
  const { id, key } = await issueKey('viewer');
  expect((await stack.api('GET', '/v1/events', { key })).status).toBe(200);

  const revoked = await stack.api('DELETE', `/v1/api-keys/${id}`, { key: org.adminKey });
  expect(revoked.status).toBe(200);

  await waitFor(async () => (await stack.api('GET', '/v1/events', { key })).status === 401, { timeoutMs: 1_000, intervalMs: 50, message: 'the revoked key to be refused' });
}, 60_000);

it('with the registry stopped, seen keys and portal sessions keep publishing and reading, registry reads answer their last answer, revoked keys stay refused, unknown keys get 503', async () => {
  const publisher = await issueKey('developer');
  const revokedBeforeStop = await issueKey('developer');
  const webhook = await createLiveWebhook(stack, publisher.key, endpoint);
  const portal = await stack.api('POST', '/v1/portal-sessions', { key: org.adminKey, body: { role: 'viewer' } });
  expect(portal.status).toBe(201);
  const portalToken: string = portal.body.token;

  // Each credential is used once while the registry is up (that is how the gateway learns it).
  const before = await publishTransfer(stack, publisher.key, { before: true });
  expect((await stack.api('GET', '/v1/session', { key: portalToken })).status).toBe(200);
  expect((await stack.api('GET', '/v1/events', { key: revokedBeforeStop.key })).status).toBe(200);
  // The dashboard's webhook screens, read once while the registry is up.
  expect((await stack.api('GET', '/v1/webhooks', { key: publisher.key })).status).toBe(200);
  expect((await stack.api('GET', `/v1/webhooks/${webhook.id}`, { key: publisher.key })).status).toBe(200);
  await waitFor(() => endpoint.requestsForEvent(before).length > 0, { timeoutMs: 30_000, message: 'the first event to be delivered' });
  expect((await stack.api('DELETE', `/v1/api-keys/${revokedBeforeStop.id}`, { key: org.adminKey })).status).toBe(200);
  await waitFor(async () => (await stack.api('GET', '/v1/events', { key: revokedBeforeStop.key })).status === 401, {
    timeoutMs: 5_000,
    intervalMs: 50,
    message: 'the revocation to reach the gateway',
  });

  await registry.stop(10_000);

  // Publishing keeps working with a key the gateway has seen...
  const during: string[] = [];
  for (let n = 0; n < 20; n++) {
    const res = await stack.api('POST', '/v1/events', { key: publisher.key, body: { type: 'transfer.completed', data: { during: n } } });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    during.push(res.body.id);
  }
  // ...and so does reading events and deliveries.
  // (the Events API reads the archive, which trails the acknowledgement by the archive consumer's lag)
  const listed = async () => {
    const events = await stack.api('GET', '/v1/events?limit=100', { key: publisher.key });
    expect(events.status).toBe(200);
    const ids = new Set(events.body.data.map((event: { id: string }) => event.id));
    return during.every((id) => ids.has(id));
  };
  await waitFor(listed, { timeoutMs: 20_000, message: 'the events published during the outage in the Events API' });
  expect((await stack.api('GET', `/v1/events/${during[0]}`, { key: publisher.key })).status).toBe(200);
  const deliveries = await stack.api('GET', `/v1/webhooks/events?webhook_id=${webhook.id}&limit=100`, { key: publisher.key });
  expect(deliveries.status).toBe(200);
  const delivered = deliveries.body.data.find((delivery: { event_id: string }) => delivery.event_id === before);
  expect(delivered).toMatchObject({ status: 'delivered' });
  expect((await stack.api('GET', `/v1/webhooks/events/${delivered.id}`, { key: publisher.key })).status).toBe(200);
  // A portal session the gateway has seen keeps its dashboard.
  const session = await stack.api('GET', '/v1/session', { key: portalToken });
  expect(session.status).toBe(200);
  expect(session.body).toMatchObject({ role: 'viewer', portal: expect.any(Object) });

  // The registry's read views answer what they last answered, marked as such.
  const webhooks = await stack.api('GET', '/v1/webhooks', { key: publisher.key });
  expect(webhooks.status).toBe(200);
  expect(webhooks.body.data.map((hook: { id: string }) => hook.id)).toContain(webhook.id);
  expect(webhooks.headers.get('hookline-last-known-at')).toEqual(expect.any(String));
  const one = await stack.api('GET', `/v1/webhooks/${webhook.id}`, { key: publisher.key });
  expect(one).toMatchObject({ status: 200, body: { id: webhook.id } });
  // A read never made before has nothing to fall back on: 503 + Retry-After.
  const settings = await stack.api('GET', '/v1/settings', { key: publisher.key });
  expect(settings.status).toBe(503);
  expect(Number(settings.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

  // The key revoked before the stop is refused, as ever.
  const refused = await stack.api('POST', '/v1/events', { key: revokedBeforeStop.key, body: { type: 'transfer.completed', data: {} } });
  expect(refused.status).toBe(401);

  // A key the gateway has never seen cannot be checked: 503 with Retry-After, not 401.
  const unseen = await stack.api('GET', '/v1/events', { key: `hk_${randomBytes(24).toString('base64url').slice(0, 38)}` });
  expect(unseen.status).toBe(503);
  expect(unseen.body.error).toMatchObject({ code: 'authentication_unavailable' });
  expect(Number(unseen.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

  // A write the registry must make fails clearly and says when to retry.
  const write = await stack.api('POST', '/v1/webhooks', { key: publisher.key, body: { name: 'during the outage', url: endpoint.url } });
  expect(write.status).toBe(503);
  expect(Number(write.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
}, 240_000);
