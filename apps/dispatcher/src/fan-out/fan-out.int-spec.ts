import { Receiver, waitFor } from '@hookline/testing';
import type { RunningDispatcher } from '../app';
import { deliveryRows, startStack, type Stack } from '../testing/harness';

const routed = async (dispatcher: RunningDispatcher, route: 'local' | 'topic') => {
  const metrics = await (await fetch(`http://127.0.0.1:${dispatcher.opsPort}/metrics`)).text();
  const match = new RegExp(`^hookline_fanned_out_deliveries_total\\{[^}]*route="${route}"[^}]*\\} (\\d+)`, 'm').exec(metrics);
  return match ? Number(match[1]) : 0;
};

describe('fan-out under back-pressure', () => {
  let stack: Stack;
  let receiver: Receiver;
  // One dispatcher for the suite, with a tiny in-flight budget (so its sender is often full).
  let dispatcher: RunningDispatcher;

  beforeAll(async () => {
    stack = await startStack();
    dispatcher = await stack.startDispatcher({}, { HOOKLINE_SENDER_MAX_IN_FLIGHT: '4' });
    // Answers after 20 ms, so the sender stays full while more events arrive.
    receiver = await Receiver.start((_, __, res) => void setTimeout(() => res.end('ok'), 20));
  });
  afterAll(async () => {
    await stack?.stop();
    await receiver?.stop();
  });

  it('with an in-flight budget of 4, the fan-out waits for room instead of spilling onto the topic: 300 deliveries, all in process, none lost', async () => {
    const hooks = [
      await stack.registry.create('org_pressure', { url: `${receiver.url}/a` }),
      await stack.registry.create('org_pressure', { url: `${receiver.url}/b` }),
      await stack.registry.create('org_pressure', { url: `${receiver.url}/c` }),
    ];
    for (const hook of hooks) await waitFor(() => dispatcher.routing.route(hook.webhookId), { message: 'the webhook to be routed' });
    // One event readies every lane (limits come with each webhook's config).
    await stack.ingestion.publish('org_pressure', 'pressure.test', { n: 0 });
    await waitFor(() => receiver.requests.length === 3, { message: 'the first three deliveries' });
    const topicBefore = await routed(dispatcher, 'topic');
    const localBefore = await routed(dispatcher, 'local');

    // Ten publishes, each once the previous one's deliveries are under way (the sender is full).
    for (let batch = 0; batch < 10; batch++) {
      const seen = receiver.requests.length;
      await stack.ingestion.publishMany('org_pressure', 'pressure.test', Array.from({ length: 10 }, (_, n) => ({ n: batch * 10 + n + 1 })));
      await waitFor(() => receiver.requests.length > seen, { message: `batch ${batch} under way` });
    }
    await waitFor(() => receiver.requests.length === 303, { timeoutMs: 30_000, message: '300 more deliveries' });
    expect((await routed(dispatcher, 'local')) - localBefore).toBe(300);
    expect((await routed(dispatcher, 'topic')) - topicBefore).toBe(0);
    for (const hook of hooks) {
      const rows = await waitFor(async () => {
        const all = await deliveryRows(stack.db, hook.webhookId);
        return all.length === 101 && all.every((row) => row.status === 'delivered') ? all : undefined;
      }, { message: `101 delivered rows for ${hook.webhookId}` });
      expect(new Set(rows.map((row) => row.event_id)).size).toBe(101);
    }
  });

  it('a FIFO webhook gets its events one at a time in publish order, through the deliveries topic (never handed over in process)', async () => {
    // Answers after 0–9 ms, counting how many requests it holds open at once.
    let open = 0;
    let mostOpen = 0;
    const ordered = await Receiver.start((_, index, res) => {
      mostOpen = Math.max(mostOpen, ++open);
      setTimeout(() => {
        open--;
        res.end('ok');
      }, (index * 7) % 10);
    });
    try {
      const hook = await stack.registry.create('org_fifo', { url: ordered.url, ordering: 'fifo' });
      await waitFor(() => dispatcher.routing.route(hook.webhookId), { message: 'the webhook to be routed' });
      await stack.ingestion.publish('org_fifo', 'fifo.test', { n: 0 });
      await waitFor(() => ordered.requests.length === 1, { message: 'the first delivery' });
      const [localBefore, topicBefore] = [await routed(dispatcher, 'local'), await routed(dispatcher, 'topic')];

      for (let batch = 0; batch < 4; batch++) {
        await stack.ingestion.publishMany('org_fifo', 'fifo.test', Array.from({ length: 10 }, (_, n) => ({ n: batch * 10 + n + 1 })));
      }
      await waitFor(() => ordered.requests.length === 41, { timeoutMs: 30_000, message: '40 more deliveries' });
      const order = ordered.requests.map((request) => (JSON.parse(request.body) as { data: { n: number } }).data.n);
      expect(order).toEqual(Array.from({ length: 41 }, (_, n) => n));
      expect(mostOpen).toBe(1);
      expect((await routed(dispatcher, 'local')) - localBefore).toBe(0);
      expect((await routed(dispatcher, 'topic')) - topicBefore).toBe(40);
    } finally {
      await ordered.stop();
    }
  });
});
