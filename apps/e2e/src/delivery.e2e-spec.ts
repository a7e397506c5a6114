import { Receiver, waitFor, type ReceivedRequest } from '@hookline/testing';
import { Webhook } from 'standardwebhooks';
import { createLiveWebhook, publishTransfer, waitForDelivery } from './support/customer';
import { startDeliveryStack, type DeliveryStack, type Organization } from './support/delivery-stack';

// The delivery path as a customer sees it: real registry, ingestion, dispatcher and gateway
// processes, real Kafka and PostgreSQL, endpoints on loopback, only the public REST API.

// Compressed schedule: attempt 1, then retries 1 s and 1 s later (±20 %), then `failed`.
const RETRY_SCHEDULE_SECONDS = '1,1';

let stack: DeliveryStack;
const receivers: Receiver[] = [];

beforeAll(async () => {
  stack = await startDeliveryStack({ retryScheduleSeconds: RETRY_SCHEDULE_SECONDS });
}, 180_000);

afterAll(async () => {
  await Promise.all(receivers.map((r) => r.stop()));
  await stack?.stop();
}, 60_000);

async function receiver(): Promise<Receiver> {
  const started = await Receiver.start();
  receivers.push(started);
  return started;
}

interface Customer {
  org: Organization;
  developer: string;
  viewer: string;
}

async function customer(): Promise<Customer> {
  const org = await stack.createOrganization();
  const [developer, viewer] = await Promise.all([org.keyFor('developer'), org.keyFor('viewer')]);
  return { org, developer, viewer };
}

/** What a receiver does with `standardwebhooks`: throws unless the signature matches the body as received. */
function verify(secret: string, request: ReceivedRequest): Record<string, unknown> {
  return new Webhook(secret).verify(request.body, request.headers as Record<string, string>) as Record<string, unknown>;
}

const eventIdOf = (request: ReceivedRequest) => (JSON.parse(request.body) as { id: string }).id;

describe('a published event', () => {
  it('reaches the endpoint signed so standardwebhooks verifies it unchanged, and the API shows it delivered on attempt 1', async () => {
    const { developer, viewer } = await customer();
    const endpoint = await receiver();
    const webhook = await createLiveWebhook(stack, developer, endpoint);

    const eventId = await publishTransfer(stack, developer, { transfer_id: 'tr_e2e_1', amount: 1250, currency: 'EUR' });

    const [request] = await waitFor(() => (endpoint.requestsForEvent(eventId).length ? endpoint.requestsForEvent(eventId) : undefined), {
      message: 'the endpoint to receive the event',
    });
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toMatch(/^application\/json/);
    expect(request.headers['hookline-event-type']).toBe('transfer.completed');
    expect(request.headers['webhook-id']).toMatch(/^del_/);
    expect(verify(webhook.signingSecret, request)).toEqual({
      id: eventId,
      object: 'event',
      type: 'transfer.completed',
      source: expect.any(String),
      time: expect.any(String),
      is_test: false,
      data: { transfer_id: 'tr_e2e_1', amount: 1250, currency: 'EUR' },
    });
    expect(() => verify(`whsec_${Buffer.alloc(24, 7).toString('base64')}`, request)).toThrow();

    const listed = await waitForDelivery(stack, viewer, webhook.id, eventId, (d) => d.status === 'delivered');
    expect(listed).toEqual({
      id: request.headers['webhook-id'],
      object: 'webhook_event',
      webhook_id: webhook.id,
      event_id: eventId,
      event_type: 'transfer.completed',
      status: 'delivered',
      attempt_count: 1,
      last_attempt_at: expect.any(String),
      next_attempt_at: null,
      response_status: 200,
      is_test: false,
      created_at: expect.any(String),
    });

    const detail = await stack.api('GET', `/v1/webhooks/events/${listed.id}`, { key: viewer });
    expect(detail.status).toBe(200);
    expect(detail.body).toEqual({
      ...listed,
      attempts: [
        {
          id: expect.stringMatching(/^att_/),
          number: 1,
          started_at: expect.any(String),
          duration_ms: expect.any(Number),
          response_status: 200,
          response_headers: expect.objectContaining({ 'content-type': 'text/plain' }),
          response_body: 'ok',
          error: null,
        },
      ],
    });
  });

  it('answered 500 then 200 is delivered on attempt 2, about a second later, with both attempts in the API', async () => {
    const { developer, viewer } = await customer();
    const endpoint = await receiver();
    const webhook = await createLiveWebhook(stack, developer, endpoint);
    endpoint.responder = (request) =>
      endpoint.requestsForEvent(eventIdOf(request)).length === 1 ? { status: 500, body: 'database down' } : { status: 200, body: 'ok' };

    const eventId = await publishTransfer(stack, developer, { transfer_id: 'tr_e2e_retry' });

    const delivery = await waitForDelivery(stack, viewer, webhook.id, eventId, (d) => d.status === 'delivered');
    expect(delivery).toMatchObject({ attempt_count: 2, response_status: 200 });
    const requests = endpoint.requestsForEvent(eventId);
    expect(requests).toHaveLength(2);
    expect(requests.map((r) => r.headers['webhook-id'])).toEqual([delivery.id, delivery.id]);
    requests.forEach((r) => expect(() => verify(webhook.signingSecret, r)).not.toThrow());
    const gap = requests[1].at - requests[0].at;
    expect(gap).toBeGreaterThanOrEqual(750);

    const detail = await stack.api('GET', `/v1/webhooks/events/${delivery.id}`, { key: viewer });
    expect(detail.body.attempts).toEqual([
      expect.objectContaining({ number: 1, response_status: 500, response_body: 'database down', error: { class: 'http_status', message: expect.any(String) } }),
      expect.objectContaining({ number: 2, response_status: 200, response_body: 'ok', error: null }),
    ]);
  });
});

describe('POST /v1/webhooks/events/:id/retry', () => {
  it('sends a delivered event again with the same webhook-id; viewers may not', async () => {
    const { developer, viewer } = await customer();
    const endpoint = await receiver();
    const webhook = await createLiveWebhook(stack, developer, endpoint);
    const eventId = await publishTransfer(stack, developer, { transfer_id: 'tr_e2e_manual' });
    const delivery = await waitForDelivery(stack, viewer, webhook.id, eventId, (d) => d.status === 'delivered');

    expect((await stack.api('POST', `/v1/webhooks/events/${delivery.id}/retry`, { key: viewer })).status).toBe(403);
    const retry = await stack.api('POST', `/v1/webhooks/events/${delivery.id}/retry`, { key: developer });
    expect(retry.status).toBe(202);
    expect(retry.body).toMatchObject({ object: 'webhook_event_retry', status: 'queued' });

    await waitFor(() => endpoint.requestsForEvent(eventId).length === 2, { message: 'the retried delivery to arrive' });
    const [first, second] = endpoint.requestsForEvent(eventId);
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(verify(webhook.signingSecret, second)).toEqual(verify(webhook.signingSecret, first));
    const after = await waitForDelivery(stack, viewer, webhook.id, eventId, (d) => d.attempt_count === 2 && d.status === 'delivered');
    expect(after.id).toBe(delivery.id);

    const missing = await stack.api('POST', '/v1/webhooks/events/del_doesnotexist/retry', { key: developer });
    expect(missing.status).toBe(404);
  });
});

describe('POST /v1/webhooks/:id/recover', () => {
  it('re-delivers the failed deliveries of the window once the endpoint is healthy again', async () => {
    const { developer, viewer } = await customer();
    const endpoint = await receiver();
    const webhook = await createLiveWebhook(stack, developer, endpoint);
    const since = new Date(Date.now() - 60_000).toISOString();
    endpoint.responder = () => ({ status: 500, body: 'down' });

    const eventIds = [await publishTransfer(stack, developer, { n: 1 }), await publishTransfer(stack, developer, { n: 2 })];
    const failed = await Promise.all(eventIds.map((id) => waitForDelivery(stack, viewer, webhook.id, id, (d) => d.status === 'failed')));
    failed.forEach((d) => expect(d).toMatchObject({ attempt_count: 3, response_status: 500, next_attempt_at: null }));
    eventIds.forEach((id) => expect(endpoint.requestsForEvent(id)).toHaveLength(3));

    // Newest first, in cursor pages, filtered by status.
    const page1 = await stack.api('GET', `/v1/webhooks/events?webhook_id=${webhook.id}&status=failed&limit=1`, { key: viewer });
    expect(page1.body).toMatchObject({ object: 'list', prev_cursor: null, next_cursor: expect.any(String) });
    expect(page1.body.data.map((d: { event_id: string }) => d.event_id)).toEqual([eventIds[1]]);
    const page2 = await stack.api('GET', `/v1/webhooks/events?webhook_id=${webhook.id}&status=failed&limit=1&cursor=${page1.body.next_cursor}`, { key: viewer });
    expect(page2.body.data.map((d: { event_id: string }) => d.event_id)).toEqual([eventIds[0]]);
    expect(page2.body.prev_cursor).toEqual(expect.any(String));
    const back = await stack.api('GET', `/v1/webhooks/events?webhook_id=${webhook.id}&status=failed&limit=1&cursor=${page2.body.prev_cursor}`, { key: viewer });
    expect(back.body.data.map((d: { event_id: string }) => d.event_id)).toEqual([eventIds[1]]);

    endpoint.responder = () => ({ status: 200, body: 'back' });
    expect((await stack.api('POST', `/v1/webhooks/${webhook.id}/recover`, { key: viewer, body: { since } })).status).toBe(403);
    const recover = await stack.api('POST', `/v1/webhooks/${webhook.id}/recover`, { key: developer, body: { since } });
    expect(recover.status).toBe(202);
    expect(recover.body).toMatchObject({ object: 'webhook_recovery', id: expect.stringMatching(/^rcv_/), status: 'queued', webhook_id: webhook.id });

    const recovered = await Promise.all(eventIds.map((id) => waitForDelivery(stack, viewer, webhook.id, id, (d) => d.status === 'delivered')));
    recovered.forEach((d, i) => {
      expect(d).toMatchObject({ id: failed[i].id, attempt_count: 4, response_status: 200 });
      const requests = endpoint.requestsForEvent(eventIds[i]);
      expect(requests).toHaveLength(4);
      expect(new Set(requests.map((r) => r.headers['webhook-id']))).toEqual(new Set([d.id]));
    });
    const noneFailed = await stack.api('GET', `/v1/webhooks/events?webhook_id=${webhook.id}&status=failed`, { key: viewer });
    expect(noneFailed.body.data).toEqual([]);

    const badWindow = await stack.api('POST', `/v1/webhooks/${webhook.id}/recover`, { key: developer, body: { since: 'yesterday' } });
    expect(badWindow.status).toBe(400);
    expect(badWindow.body.error.param).toBe('since');
  });
});

describe('POST /v1/webhooks/:id/test', () => {
  it('sends an is_test event of the chosen type to that webhook only', async () => {
    const { developer, viewer } = await customer();
    const [targetEndpoint, otherEndpoint] = await Promise.all([receiver(), receiver()]);
    const target = await createLiveWebhook(stack, developer, targetEndpoint);
    const other = await createLiveWebhook(stack, developer, otherEndpoint);

    expect((await stack.api('POST', `/v1/webhooks/${target.id}/test`, { key: viewer, body: {} })).status).toBe(403);
    const sent = await stack.api('POST', `/v1/webhooks/${target.id}/test`, {
      key: developer,
      body: { event_type: 'transfer.completed', data: { transfer_id: 'tr_test' } },
    });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({
      id: expect.stringMatching(/^del_/),
      object: 'webhook_event',
      webhook_id: target.id,
      event_type: 'transfer.completed',
      is_test: true,
      // The fan-out may already have delivered it by the time the answer is built.
      status: expect.stringMatching(/^(pending|delivered)$/),
    });

    const [request] = await waitFor(() => (targetEndpoint.requestsFor(sent.body.id).length ? targetEndpoint.requestsFor(sent.body.id) : undefined), {
      message: 'the test event to arrive',
    });
    expect(verify(target.signingSecret, request)).toMatchObject({ id: sent.body.event_id, type: 'transfer.completed', is_test: true, data: { transfer_id: 'tr_test' } });
    await waitForDelivery(stack, viewer, target.id, sent.body.event_id, (d) => d.status === 'delivered' && d.is_test === true);

    // A later event fans out after the test event (same org, same partition): once the other
    // webhook has it, any delivery of the test event to it would already be listed.
    const laterId = await publishTransfer(stack, developer, { after: 'test' });
    await waitForDelivery(stack, viewer, other.id, laterId, (d) => d.status === 'delivered');
    const otherTests = await stack.api('GET', `/v1/webhooks/events?webhook_id=${other.id}&is_test=true`, { key: viewer });
    expect(otherTests.body.data).toEqual([]);
    expect(otherEndpoint.requests.filter((r) => JSON.parse(r.body).is_test)).toEqual([]);
    const targetTests = await stack.api('GET', `/v1/webhooks/events?webhook_id=${target.id}&is_test=true`, { key: viewer });
    expect(targetTests.body.data.map((d: { id: string }) => d.id)).toEqual([sent.body.id]);
  });

  it('without a type sends the default test event', async () => {
    const { developer } = await customer();
    const endpoint = await receiver();
    const webhook = await createLiveWebhook(stack, developer, endpoint);

    const sent = await stack.api('POST', `/v1/webhooks/${webhook.id}/test`, { key: developer, body: {} });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ event_type: 'hookline.test', is_test: true });
    const [request] = await waitFor(() => (endpoint.requestsFor(sent.body.id).length ? endpoint.requestsFor(sent.body.id) : undefined), {
      message: 'the default test event to arrive',
    });
    expect(request.headers['hookline-event-type']).toBe('hookline.test');
    expect(verify(webhook.signingSecret, request)).toMatchObject({ type: 'hookline.test', is_test: true, data: expect.any(Object) });
  });
});

describe('webhook changes', () => {
  it('a paused webhook receives nothing from 1 s after the PATCH; resumed, it receives new events', async () => {
    const { developer, viewer } = await customer();
    const [pausedEndpoint, controlEndpoint] = await Promise.all([receiver(), receiver()]);
    const paused = await createLiveWebhook(stack, developer, pausedEndpoint);
    const control = await createLiveWebhook(stack, developer, controlEndpoint);

    const patch = await stack.api('PATCH', `/v1/webhooks/${paused.id}`, { key: developer, body: { status: 'paused' } });
    expect(patch.status).toBe(200);
    expect(patch.body.status).toBe('paused');
    const pausedAt = Date.now();

    const during = [await publishTransfer(stack, developer, { while: 'paused' })];
    await waitFor(() => Date.now() > pausedAt + 1_000, { message: 'the 1 s a change may take' });
    during.push(await publishTransfer(stack, developer, { while: 'paused', late: true }));
    for (const id of during) await waitForDelivery(stack, viewer, control.id, id, (d) => d.status === 'delivered');
    expect(pausedEndpoint.requests.filter((r) => r.at > pausedAt + 1_000)).toEqual([]);
    expect(pausedEndpoint.requestsForEvent(during[1])).toEqual([]);
    // A test event to a paused webhook is refused rather than left pending forever.
    const test = await stack.api('POST', `/v1/webhooks/${paused.id}/test`, { key: developer, body: {} });
    expect(test.status).toBe(409);
    expect(test.body.error.code).toBe('webhook_not_active');

    const resume = await stack.api('PATCH', `/v1/webhooks/${paused.id}`, { key: developer, body: { status: 'active' } });
    expect(resume.status).toBe(200);
    await waitFor(
      async () => {
        const id = await publishTransfer(stack, developer, { after: 'resume' });
        return waitFor(() => pausedEndpoint.requestsForEvent(id).length > 0, { timeoutMs: 1_500 }).catch(() => false);
      },
      { timeoutMs: 20_000, intervalMs: 0, message: 'the resumed webhook to receive a new event' },
    );
  });

  it('a paused FIFO webhook keeps its deliveries pending, unattempted; resumed, it receives all 100 in publish order', async () => {
    const { developer, viewer } = await customer();
    const endpoint = await receiver();
    const webhook = await createLiveWebhook(stack, developer, endpoint, { ordering: 'fifo' });
    expect((await stack.api('PATCH', `/v1/webhooks/${webhook.id}`, { key: developer, body: { status: 'paused' } })).status).toBe(200);
    const pausedAt = Date.now();
    await waitFor(() => Date.now() > pausedAt + 1_000, { message: 'the 1 s a change may take' });

    const eventIds: string[] = [];
    for (let seq = 0; seq < 100; seq++) eventIds.push(await publishTransfer(stack, developer, { seq }));
    const pending = async () => {
      const res = await stack.api('GET', `/v1/webhooks/events?webhook_id=${webhook.id}&status=pending&limit=100`, { key: viewer });
      return (res.body.data as { event_id: string; attempt_count: number }[]).filter((d) => eventIds.includes(d.event_id));
    };
    const held = await waitFor(async () => ((await pending()).length === 100 ? pending() : undefined), { timeoutMs: 30_000, message: 'all 100 deliveries pending' });
    expect(held.every((d) => d.attempt_count === 0)).toBe(true);
    expect(eventIds.filter((id) => endpoint.requestsForEvent(id).length > 0)).toEqual([]);

    expect((await stack.api('PATCH', `/v1/webhooks/${webhook.id}`, { key: developer, body: { status: 'active' } })).status).toBe(200);
    await waitFor(() => eventIds.every((id) => endpoint.requestsForEvent(id).length > 0), { timeoutMs: 30_000, message: 'all 100 held events to arrive after the resume' });
    const arrivalOrder = endpoint.requests.map((r) => JSON.parse(r.body) as { id: string; data: { seq?: number } }).filter((e) => eventIds.includes(e.id));
    const firstArrivals = [...new Map(arrivalOrder.map((e) => [e.id, e.data.seq])).values()];
    expect(firstArrivals).toEqual(Array.from({ length: 100 }, (_, seq) => seq));
    const last = await waitForDelivery(stack, viewer, webhook.id, eventIds[99], (d) => d.status === 'delivered');
    expect(last.attempt_count).toBe(1);
  });

  it('a disabled webhook misses nothing for good: enabled again, `recover` for the window delivers what it missed', async () => {
    const { developer, viewer } = await customer();
    const endpoint = await receiver();
    const webhook = await createLiveWebhook(stack, developer, endpoint);
    const since = new Date(Date.now() - 1_000).toISOString();
    // 410 Gone disables the webhook (DESIGN §4).
    endpoint.responder = () => ({ status: 410, body: 'gone' });
    await publishTransfer(stack, developer, { trigger: 'gone' });
    await waitFor(async () => (await stack.api('GET', `/v1/webhooks/${webhook.id}`, { key: viewer })).body.status === 'disabled', {
      timeoutMs: 15_000,
      message: 'the webhook to be disabled',
    });
    const disabledAt = Date.now();
    await waitFor(() => Date.now() > disabledAt + 1_000, { message: 'the 1 s a change may take' });

    const missed: string[] = [];
    for (let n = 0; n < 5; n++) missed.push(await publishTransfer(stack, developer, { missed: n }));
    for (const id of missed) await waitForDelivery(stack, viewer, webhook.id, id, (d) => d.status === 'failed' && d.attempt_count === 0);
    expect(missed.filter((id) => endpoint.requestsForEvent(id).length > 0)).toEqual([]);

    endpoint.responder = () => ({ status: 200, body: 'back' });
    expect((await stack.api('PATCH', `/v1/webhooks/${webhook.id}`, { key: developer, body: { status: 'active' } })).status).toBe(200);
    const recover = await stack.api('POST', `/v1/webhooks/${webhook.id}/recover`, { key: developer, body: { since } });
    expect(recover.status).toBe(202);
    for (const id of missed) await waitForDelivery(stack, viewer, webhook.id, id, (d) => d.status === 'delivered');
    expect(missed.filter((id) => endpoint.requestsForEvent(id).length === 1)).toEqual(missed);
  });

  it('a deleted webhook receives nothing from 1 s after DELETE returned, not even retries of earlier events', async () => {
    const { developer, viewer } = await customer();
    const [doomedEndpoint, controlEndpoint] = await Promise.all([receiver(), receiver()]);
    const doomed = await createLiveWebhook(stack, developer, doomedEndpoint);
    const control = await createLiveWebhook(stack, developer, controlEndpoint);
    // Both endpoints fail the first event, so retries for it are scheduled on both. It is told
    // apart by its data: its delivery may arrive before the publish call has returned its id.
    const failFirst = (request: ReceivedRequest) =>
      (JSON.parse(request.body) as { data: { before?: string } }).data.before === 'delete' ? { status: 500 } : { status: 200, body: 'ok' };
    doomedEndpoint.responder = failFirst;
    controlEndpoint.responder = failFirst;

    const failingEventId = await publishTransfer(stack, developer, { before: 'delete' });
    await waitFor(() => doomedEndpoint.requestsForEvent(failingEventId).length === 1, { message: 'the first attempt at the doomed webhook' });
    const deleted = await stack.api('DELETE', `/v1/webhooks/${doomed.id}`, { key: developer });
    expect(deleted.status).toBe(204);
    const deletedAt = Date.now();

    const after = [await publishTransfer(stack, developer, { after: 'delete' })];
    await waitFor(() => Date.now() > deletedAt + 1_000, { message: 'the 1 s a change may take' });
    after.push(await publishTransfer(stack, developer, { after: 'delete', late: true }));
    // The control endpoint saw every retry the schedule makes, and every later event.
    await waitForDelivery(stack, viewer, control.id, failingEventId, (d) => d.status === 'failed');
    for (const id of after) await waitForDelivery(stack, viewer, control.id, id, (d) => d.status === 'delivered');
    expect(controlEndpoint.requestsForEvent(failingEventId)).toHaveLength(3);

    expect(doomedEndpoint.requests.filter((r) => r.at > deletedAt + 1_000)).toEqual([]);
    expect(doomedEndpoint.requestsForEvent(after[1])).toEqual([]);
  });
});

describe('the deliveries API', () => {
  it('answers 404 for another organization’s deliveries and webhooks, and lists none of them', async () => {
    const owner = await customer();
    const stranger = await customer();
    const endpoint = await receiver();
    const webhook = await createLiveWebhook(stack, owner.developer, endpoint);
    const eventId = await publishTransfer(stack, owner.developer, { owner: true });
    const delivery = await waitForDelivery(stack, owner.viewer, webhook.id, eventId, (d) => d.status === 'delivered');

    const key = stranger.org.adminKey;
    const answers = await Promise.all([
      stack.api('GET', `/v1/webhooks/events/${delivery.id}`, { key }),
      stack.api('POST', `/v1/webhooks/events/${delivery.id}/retry`, { key }),
      stack.api('POST', `/v1/webhooks/${webhook.id}/recover`, { key, body: { since: new Date(Date.now() - 60_000).toISOString() } }),
      stack.api('POST', `/v1/webhooks/${webhook.id}/test`, { key, body: {} }),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body.error.type).toBe('not_found');
    }
    const listed = await stack.api('GET', `/v1/webhooks/events?webhook_id=${webhook.id}`, { key });
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([]);
    // Nothing was re-sent on the stranger's behalf.
    expect(endpoint.requestsForEvent(eventId)).toHaveLength(1);
  });

  it('keeps /v1/webhooks/events and /v1/webhooks/event-types apart from /v1/webhooks/:id, and validates filters', async () => {
    const { viewer } = await customer();
    const events = await stack.api('GET', '/v1/webhooks/events', { key: viewer });
    expect(events.status).toBe(200);
    expect(events.body).toEqual({ object: 'list', data: [], next_cursor: null, prev_cursor: null });
    const types = await stack.api('GET', '/v1/webhooks/event-types', { key: viewer });
    expect(types.status).toBe(200);
    expect(types.body.data.map((t: { type: string }) => t.type)).toContain('transfer.completed');

    const badStatus = await stack.api('GET', '/v1/webhooks/events?status=lost', { key: viewer });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.param).toBe('status');
    const badTime = await stack.api('GET', '/v1/webhooks/events?created_after=today', { key: viewer });
    expect(badTime.status).toBe(400);
    expect(badTime.body.error.param).toBe('created_after');
    const unknown = await stack.api('GET', '/v1/webhooks/events/del_doesnotexist', { key: viewer });
    expect(unknown.status).toBe(404);
    expect((await stack.api('GET', '/v1/webhooks/events')).status).toBe(401);
  });
});
