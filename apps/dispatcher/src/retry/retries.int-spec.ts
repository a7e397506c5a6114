import { createGrpcClient } from '@hookline/grpc';
import { dispatcherV1 } from '@hookline/proto';
import { Receiver, testTls, waitFor, type ReceivedRequest, type Responder } from '@hookline/testing';
import { Webhook } from 'standardwebhooks';
import type { RunningDispatcher } from '../app';
import { attemptRows, deliveryRows, nonEmpty, startStack, type Stack } from '../testing/harness';

const ORG = 'org_retries';
/** What the gateway sends for an admin key of ORG: the deliveries API always acts for an end user. */
const END_USER = { actor: { kind: 'api_key', keyId: 'key_retries', owner: 'ops@example.com', role: 'admin', orgId: ORG }, requestId: 'req_retries', ip: '127.0.0.1', userAgent: 'jest' };
// Compressed schedule: attempt 2 after ~0.5 s, attempt 3 after ~1 s, then exhausted.
const SCHEDULE = [0.5, 1];

describe('failures, retries and the deliveries API', () => {
  let stack: Stack;
  let dispatcher: RunningDispatcher;
  let api: ReturnType<typeof createGrpcClient<typeof dispatcherV1.DispatcherServiceService>>;
  const receivers: Receiver[] = [];
  const receiver = async (responder?: Responder) => {
    const r = await new Receiver(responder).start();
    receivers.push(r);
    return r;
  };
  const webhook = async (fields: Parameters<Stack['registry']['create']>[1], org = ORG) => {
    const created = await stack.registry.create(org, fields);
    await waitFor(() => dispatcher.routing.route(created.webhookId));
    return created;
  };
  const settled = (webhookId: string, status: string, count = 1) =>
    waitFor(async () => {
      const rows = (await deliveryRows(stack.db, webhookId)).filter((d) => d.status === status);
      return rows.length >= count ? rows : undefined;
    }, { message: `${count} ${status} deliveries`, timeoutMs: 15_000 });

  beforeAll(async () => {
    stack = await startStack({ HOOKLINE_RETRY_SCHEDULE_SECONDS: SCHEDULE.join(',') });
    dispatcher = await stack.startDispatcher();
    api = createGrpcClient(dispatcherV1.DispatcherServiceService, `127.0.0.1:${dispatcher.grpcPort}`, { tls: testTls('gateway'), peerName: 'dispatcher' });
  });
  afterAll(async () => {
    api?.close();
    await stack?.stop();
    await Promise.all(receivers.map((r) => r.stop()));
  });

  it('500 then 200: delivered on attempt 2, both attempts logged', async () => {
    const endpoint = await receiver((_, index) => ({ status: index === 0 ? 500 : 200, body: index === 0 ? 'boom' : 'ok' }));
    const hook = await webhook({ url: endpoint.url });
    await stack.ingestion.publish(ORG, 'transfer.completed', {});
    const [delivery] = await settled(hook.webhookId, 'delivered');
    expect(delivery.attempt_count).toBe(2);
    const { attempts } = await api.getDelivery({ orgId: ORG, deliveryId: delivery.id, context: END_USER });
    expect(attempts.map((a) => [a.number, a.responseStatus, a.error?.class ?? null])).toEqual([
      [1, 500, 'http_status'],
      [2, 200, null],
    ]);
    expect(attempts[0].responseBody).toBe('boom');
    expect(endpoint.requests[0].headers['webhook-id']).toBe(endpoint.requests[1].headers['webhook-id']);
  });

  it('a retry sends the very bytes the first attempt signed, its body read back from ingestion: same webhook-id, identical body, both verify', async () => {
    const endpoint = await receiver((_, index) => ({ status: index === 0 ? 500 : 200 }));
    const hook = await webhook({ url: endpoint.url });
    // Unicode, escapes, numbers and key order a re-serialization would change.
    const event = await stack.ingestion.publish(ORG, 'transfer.completed', { z: 1.5, note: 'café ✓ "q" \\ </script>', a: [3, 1, { y: null, b: true }] });

    const [delivery] = await settled(hook.webhookId, 'delivered');

    expect(delivery.attempt_count).toBe(2);
    const [first, retry] = endpoint.requests;
    expect(retry.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(Buffer.from(retry.body, 'utf8').equals(Buffer.from(first.body, 'utf8'))).toBe(true);
    expect(JSON.parse(first.body).data).toEqual({ z: 1.5, note: 'café ✓ "q" \\ </script>', a: [3, 1, { y: null, b: true }] });
    // The retry's body came from ingestion (the dispatcher keeps no copy).
    expect(stack.ingestion.envelopeReads.flat()).toContain(event.id);
    const headersOf = (request: ReceivedRequest) => request.headers as Record<string, string>;
    for (const request of [first, retry]) expect(() => new Webhook(hook.signingKeys[0]).verify(request.body, headersOf(request))).not.toThrow();
  });

  it('while ingestion cannot give the event body, the retry waits without counting an attempt, then is sent: nothing lost', async () => {
    const endpoint = await receiver((_, index) => ({ status: index === 0 ? 500 : 200 }));
    const hook = await webhook({ url: endpoint.url });
    try {
      stack.ingestion.archive = 'unavailable';
      const event = await stack.ingestion.publish(ORG, 'transfer.completed', { n: 1 });
      const readsOf = () => stack.ingestion.envelopeReads.filter((ids) => ids.includes(event.id)).length;
      // The first attempt needs no read: it is made from the event on the topic.
      await waitFor(() => endpoint.requests.length === 1, { message: 'the first attempt' });
      await waitFor(() => readsOf() >= 2, { message: 'the retry postponed twice while ingestion is unavailable', timeoutMs: 15_000 });
      stack.ingestion.archive = 'behind';
      const seen = readsOf();
      await waitFor(() => readsOf() >= seen + 2, { message: 'the retry postponed twice while the event is not archived', timeoutMs: 15_000 });

      expect(endpoint.requests).toHaveLength(1);
      const [waiting] = await deliveryRows(stack.db, hook.webhookId);
      expect(waiting).toMatchObject({ status: 'pending', attempt_count: 1 });
      expect(await attemptRows(stack.db, waiting.id)).toHaveLength(1);

      stack.ingestion.archive = 'archived';
      const [delivered] = await settled(hook.webhookId, 'delivered');
      expect(delivered.attempt_count).toBe(2);
      expect(endpoint.requests.map((request) => request.body)).toEqual([endpoint.requests[0].body, endpoint.requests[0].body]);
    } finally {
      stack.ingestion.archive = 'archived';
    }
  });

  it('when the endpoint returns 503 with Retry-After: 2, the next attempt waits that long', async () => {
    const endpoint = await receiver((_, index) => (index === 0 ? { status: 503, headers: { 'retry-after': '2' } } : { status: 200 }));
    const hook = await webhook({ url: endpoint.url });
    await stack.ingestion.publish(ORG, 'transfer.completed', {});
    await settled(hook.webhookId, 'delivered');
    expect(endpoint.requests[1].at - endpoint.requests[0].at).toBeGreaterThanOrEqual(2_000);
  });

  it('410 disables the webhook and fails the delivery without retrying', async () => {
    const endpoint = await receiver(() => ({ status: 410 }));
    const hook = await webhook({ url: endpoint.url });
    await stack.ingestion.publish(ORG, 'transfer.completed', {});
    await settled(hook.webhookId, 'failed');
    await waitFor(() => stack.registry.disabled.some((d) => d.webhookId === hook.webhookId && d.reason === 'gone'));
    expect(endpoint.requests).toHaveLength(1);
  });

  it('302 is a failure and the redirect target is never contacted', async () => {
    const target = await receiver();
    const endpoint = await receiver(() => ({ status: 302, headers: { location: `${target.url}/elsewhere` } }));
    const hook = await webhook({ url: endpoint.url, retryScheduleSeconds: [] });
    await stack.ingestion.publish(ORG, 'transfer.completed', {});
    const [delivery] = await waitFor(async () => nonEmpty((await deliveryRows(stack.db, hook.webhookId)).filter((d) => d.attempt_count >= 1)));
    const [attempt] = await attemptRows(stack.db, delivery.id);
    expect(attempt).toMatchObject({ response_status: 302, error_class: 'http_status' });
    expect(target.requests).toHaveLength(0);
  });

  it('a hanging endpoint times out at the configured timeout', async () => {
    const endpoint = await receiver(() => undefined);
    const hook = await webhook({ url: endpoint.url, timeoutSeconds: 1 });
    await stack.ingestion.publish(ORG, 'transfer.completed', {});
    const [delivery] = await waitFor(async () => nonEmpty((await deliveryRows(stack.db, hook.webhookId)).filter((d) => d.attempt_count >= 1)));
    const [attempt] = await attemptRows(stack.db, delivery.id);
    expect(attempt.error_class).toBe('timeout');
    expect(attempt.duration_ms).toBeGreaterThanOrEqual(1_000);
    expect(attempt.duration_ms).toBeLessThan(1_500);
  });

  it('attempts follow the compressed schedule within jitter, then failed + hookline.delivery.exhausted to a hookline.* subscriber', async () => {
    const org = 'org_exhaust';
    const operations = await receiver();
    await webhook({ url: operations.url, eventTypes: ['hookline.*'] }, org);
    const endpoint = await receiver(() => ({ status: 500 }));
    const hook = await webhook({ url: endpoint.url, eventTypes: ['transfer.completed'] }, org);
    await stack.ingestion.publish(org, 'transfer.completed', {});
    const [delivery] = await settled(hook.webhookId, 'failed');
    expect(endpoint.requests).toHaveLength(3);
    const gaps = [endpoint.requests[1].at - endpoint.requests[0].at, endpoint.requests[2].at - endpoint.requests[1].at];
    SCHEDULE.forEach((seconds, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(seconds * 1000 * 0.8 - 20);
      // Beyond the jitter: a retry poll (200 ms), its body read from ingestion and the deliveries topic.
      expect(gaps[i]).toBeLessThanOrEqual(seconds * 1000 * 1.2 + 600);
    });
    const [exhausted] = await waitFor(() => (operations.requests.length >= 1 ? operations.requests : undefined), { message: 'the exhausted event' });
    const body = JSON.parse(exhausted.body);
    expect(body.type).toBe('hookline.delivery.exhausted');
    expect(body.data).toMatchObject({ delivery_id: delivery.id, webhook_id: hook.webhookId, event_id: delivery.event_id, attempts: 3 });
  });

  it('nothing reaches a deleted webhook once its delete is 1 s old', async () => {
    const endpoint = await receiver();
    const hook = await webhook({ url: endpoint.url });
    await stack.ingestion.publish(ORG, 'transfer.completed', { before: true });
    await waitFor(() => endpoint.requests.length === 1);
    await stack.registry.delete(hook.webhookId);
    const deletedAt = Date.now();
    await waitFor(() => Date.now() - deletedAt > 1_000 && dispatcher.routing.route(hook.webhookId)?.status === 'deleted');
    await stack.ingestion.publishMany(ORG, 'transfer.completed', [{ after: 1 }, { after: 2 }]);
    // Another webhook of the org gets the later events: proof they were fanned out meanwhile.
    const witness = await receiver();
    await webhook({ url: witness.url });
    await stack.ingestion.publish(ORG, 'transfer.completed', { after: 3 });
    await waitFor(() => witness.requests.length >= 1);
    expect(endpoint.requests.filter((r) => r.at > deletedAt + 1_000)).toHaveLength(0);
  });

  it('RetryDelivery and RecoverWebhook re-deliver; a failed manual retry is not retried', async () => {
    let healthy = false;
    const endpoint = await receiver(() => ({ status: healthy ? 200 : 500 }));
    const hook = await webhook({ url: endpoint.url });
    const since = new Date(Date.now() - 1_000).toISOString();
    await stack.ingestion.publishMany(ORG, 'transfer.completed', [{ n: 1 }, { n: 2 }, { n: 3 }]);
    const failed = await settled(hook.webhookId, 'failed', 3);

    // A manual retry that fails again stays failed: one more attempt, nothing scheduled.
    const before = endpoint.requests.length;
    const { delivery } = await api.retryDelivery({ orgId: ORG, deliveryId: failed[0].id, context: END_USER });
    expect(delivery?.status).toBe('pending');
    const retried = await waitFor(async () => {
      const row = (await deliveryRows(stack.db, hook.webhookId)).find((d) => d.id === failed[0].id);
      return row?.status === 'failed' && row.attempt_count === 4 ? row : undefined;
    });
    expect(retried.next_attempt_at).toBeNull();
    expect(endpoint.requests.length).toBe(before + 1);

    healthy = true;
    await api.retryDelivery({ orgId: ORG, deliveryId: failed[0].id, context: END_USER });
    await settled(hook.webhookId, 'delivered', 1);
    const { jobId, status } = await api.recoverWebhook({ orgId: ORG, webhookId: hook.webhookId, since, until: '', context: END_USER });
    expect(jobId).toMatch(/^rcv_/);
    expect(status).toBe('queued');
    await settled(hook.webhookId, 'delivered', 3);
    await expect(api.retryDelivery({ orgId: 'org_other', deliveryId: failed[0].id, context: END_USER })).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('a test event reaches only its webhook, with is_test true, and is listed as a test delivery', async () => {
    const [target, other] = [await receiver(), await receiver()];
    const hook = await webhook({ url: target.url });
    await webhook({ url: other.url });
    const { delivery } = await api.sendTestEvent({ orgId: ORG, webhookId: hook.webhookId, eventType: 'transfer.completed', dataJson: '{"x":1}', context: END_USER });
    expect(delivery).toMatchObject({ webhookId: hook.webhookId, isTest: true });
    const [request] = await waitFor(() => (target.requests.length === 1 ? target.requests : undefined));
    expect(JSON.parse(request.body)).toMatchObject({ is_test: true, type: 'transfer.completed', data: { x: 1 } });
    expect(request.headers['webhook-id']).toBe(delivery!.id);
    const listed = await api.listDeliveries({ orgId: ORG, webhookId: hook.webhookId, isTest: true, status: '', eventType: '', createdAfter: '', createdBefore: '', page: { limit: 10, cursor: '' }, context: END_USER });
    expect(listed.deliveries.map((d) => d.id)).toEqual([delivery!.id]);
    await waitFor(async () => (await deliveryRows(stack.db, hook.webhookId))[0]?.status === 'delivered');
    expect(other.requests).toHaveLength(0);
  });
});
