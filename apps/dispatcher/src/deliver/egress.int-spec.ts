import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateWebhookUrl, parseEgressAllowList } from '@hookline/egress';
import { waitFor } from '@hookline/testing';
import type { RunningDispatcher } from '../app';
import { attemptRows, deliveryRows, nonEmpty, startStack, type Stack } from '../testing/harness';

describe('SSRF-safe connect', () => {
  let stack: Stack;
  let dispatcher: RunningDispatcher;
  let loopback: Server;
  let connections = 0;
  // A resolver we control: public the first time (registration), loopback afterwards (rebinding).
  let answers = 0;
  const rebindingResolver = async () => (answers++ === 0 ? ['93.184.216.34'] : ['127.0.0.1']);

  beforeAll(async () => {
    loopback = createServer((_, res) => res.end('should never be reached'));
    loopback.on('connection', () => connections++);
    await new Promise<void>((resolve) => loopback.listen(0, '127.0.0.1', resolve));
    // The production default: no allow-list.
    stack = await startStack({ HOOKLINE_EGRESS_ALLOW_CIDRS: '' });
    dispatcher = await stack.startDispatcher({ resolveHost: rebindingResolver });
  });
  afterAll(async () => {
    await stack?.stop();
    await new Promise((resolve) => loopback.close(resolve));
  });

  it('a host that resolved public at registration and loopback at send time is refused: ssrf_blocked, no connection', async () => {
    const url = `http://rebind.example:${(loopback.address() as AddressInfo).port}/hook`;
    await validateWebhookUrl(url, { allowInsecure: true, allowList: parseEgressAllowList(''), resolve: rebindingResolver });
    const hook = await stack.registry.create('org_egress', { url, retryScheduleSeconds: [] });
    await waitFor(() => dispatcher.routing.route(hook.webhookId));
    await stack.ingestion.publish('org_egress', 'transfer.completed', {});

    const [delivery] = await waitFor(async () => nonEmpty((await deliveryRows(stack.db, hook.webhookId)).filter((d) => d.attempt_count >= 1)));
    const [attempt] = await attemptRows(stack.db, delivery.id);
    expect(attempt.error_class).toBe('ssrf_blocked');
    expect(attempt.error_message).not.toContain('127.0.0.1');
    expect(connections).toBe(0);
  });

  it('an IP-literal loopback URL is refused the same way', async () => {
    const hook = await stack.registry.create('org_egress', { url: `http://127.0.0.1:${(loopback.address() as AddressInfo).port}/`, retryScheduleSeconds: [] });
    await waitFor(() => dispatcher.routing.route(hook.webhookId));
    await stack.ingestion.publish('org_egress', 'transfer.completed', {});
    const [delivery] = await waitFor(async () => nonEmpty((await deliveryRows(stack.db, hook.webhookId)).filter((d) => d.attempt_count >= 1)));
    const [attempt] = await attemptRows(stack.db, delivery.id);
    expect(attempt.error_class).toBe('ssrf_blocked');
    expect(connections).toBe(0);
  });
});
