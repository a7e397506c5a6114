import { Receiver, waitFor } from '@hookline/testing';
import type { RunningDispatcher } from '../app';
import { deliveryRows, startStack, type Stack } from '../testing/harness';

describe('a dead endpoint under load', () => {
  let stack: Stack;
  let dispatcher: RunningDispatcher;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    stack = await startStack();
    // A small in-flight budget, so one backed-up webhook could fill it.
    dispatcher = await stack.startDispatcher({}, { HOOKLINE_SENDER_MAX_IN_FLIGHT: '200' });
  });
  afterAll(async () => {
    await stack?.stop();
    await Promise.all(receivers.map((r) => r.stop()));
  });

  it('does not fill the in-flight budget: its backlog is deferred to PostgreSQL, and another webhook keeps receiving', async () => {
    // Never answers (each attempt waits out its 30 s timeout).
    const dead = await Receiver.start(() => undefined);
    const healthy = await Receiver.start();
    receivers.push(dead, healthy);
    const deadHook = await stack.registry.create('org_backlog', { url: dead.url, timeoutSeconds: 30, rateLimitRps: 1 });
    const healthyHook = await stack.registry.create('org_healthy', { url: healthy.url });
    for (const hook of [deadHook, healthyHook]) await waitFor(() => dispatcher.routing.route(hook.webhookId), { message: 'the webhook to be routed' });
    await stack.ingestion.publish('org_backlog', 'backlog.test', { n: 0 });
    await waitFor(() => dead.requests.length === 1, { message: 'the dead endpoint to hold a request' });

    // 300 events for the dead endpoint: more than the whole budget. At 1 request/s its lane is
    // 30 s deep after ~30 queued, far below the budget, so what follows is deferred.
    await stack.ingestion.publishMany('org_backlog', 'backlog.test', Array.from({ length: 300 }, (_, n) => ({ n: n + 1 })));
    const deferred = await waitFor(async () => {
      const rows = (await deliveryRows(stack.db, deadHook.webhookId)).filter((row) => row.status === 'pending' && row.next_attempt_at !== null && row.attempt_count === 0);
      return rows.length >= 50 ? rows : undefined;
    }, { timeoutMs: 20_000, message: 'deliveries of the dead webhook deferred' });
    expect(deferred.every((row) => new Date(row.next_attempt_at).getTime() > Date.now())).toBe(true);

    await stack.ingestion.publishMany('org_healthy', 'healthy.test', Array.from({ length: 10 }, (_, n) => ({ n })));
    await waitFor(() => healthy.requests.length === 10, { timeoutMs: 15_000, message: 'the healthy webhook to receive all 10' });
  }, 60_000);
});
