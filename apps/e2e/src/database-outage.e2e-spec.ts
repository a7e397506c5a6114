import { Receiver, startOwnPostgres, waitFor, type OwnPostgres } from '@hookline/testing';
import { createLiveWebhook, publishTransfer } from './support/customer';
import { startDeliveryStack, type DeliveryStack } from './support/delivery-stack';

// PostgreSQL killed (immediate shutdown, every connection dropped) under a running platform and
// started again: no service exits, the API answers 503 meanwhile, and every service is ready
// again by itself within seconds. The database is this suite's own; Kafka is the shared broker.

let postgres: OwnPostgres;
let stack: DeliveryStack;
let endpoint: Receiver;

beforeAll(async () => {
  postgres = await startOwnPostgres({ database: 'hookline_outage' });
  stack = await startDeliveryStack({ retryScheduleSeconds: '1,1', databaseUrl: postgres.url, withAudit: true });
  endpoint = await Receiver.start();
}, 240_000);

afterAll(async () => {
  await endpoint?.stop();
  await stack?.stop();
  await postgres?.destroy();
}, 90_000);

const running = () => stack.services.filter((service) => service.child.exitCode === null && service.child.signalCode === null).map((s) => s.name);

async function allReady(): Promise<boolean> {
  const answers = await Promise.all(
    stack.services.map(async (service) => {
      const res = await fetch(`${service.httpUrl}/readyz`).catch(() => undefined);
      return res?.status === 200;
    }),
  );
  return answers.every(Boolean);
}

it('database killed and restarted: every service keeps running, the API answers 503 meanwhile, all are ready again within 30 s and deliver', async () => {
  const org = await stack.createOrganization();
  const key = await org.keyFor('developer');
  await createLiveWebhook(stack, key, endpoint);
  const everyService = running();
  expect(everyService.sort()).toEqual(['audit', 'dispatcher', 'gateway', 'ingestion', 'registry']);

  await postgres.stop('immediate');
  // Calls that need the database fail as `unavailable`, not as internal errors.
  const during = await waitFor(
    async () => {
      const res = await stack.api('GET', '/v1/webhooks', { key });
      return res.status >= 500 ? res : undefined;
    },
    { timeoutMs: 15_000, intervalMs: 200, message: 'the API to notice the database is gone' },
  );
  expect({ status: during.status, type: during.body?.error?.type }).toEqual({ status: 503, type: 'unavailable' });
  // Give every pool, consumer and poller time to hit the lost connections, then look again.
  await waitFor(async () => !(await allReady()), { timeoutMs: 15_000, intervalMs: 250, message: 'readiness to report the database down' });
  expect(running().sort()).toEqual(everyService.sort());

  await postgres.start();
  const restarted = Date.now();
  await waitFor(allReady, { timeoutMs: 30_000, intervalMs: 250, message: `every service to be ready again; running: ${running().join(', ')}\n${stack.output()}` });
  const recoverySeconds = (Date.now() - restarted) / 1000;
  process.stdout.write(`database outage: every service ready ${recoverySeconds.toFixed(1)} s after PostgreSQL returned\n`);
  expect(running().sort()).toEqual(everyService.sort());

  // Working again end to end: the API answers, a new event is delivered.
  expect((await stack.api('GET', '/v1/webhooks', { key })).status).toBe(200);
  const eventId = await waitFor(() => publishTransfer(stack, key, { after_outage: true }).catch(() => undefined), { timeoutMs: 15_000, intervalMs: 250, message: 'a publish to succeed' });
  await waitFor(() => endpoint.requestsForEvent(eventId).length > 0, { timeoutMs: 30_000, message: 'the event published after the outage to be delivered' });
}, 240_000);
