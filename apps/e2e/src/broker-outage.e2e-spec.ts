import { Receiver, startOwnKafkaBroker, testKafkaSecurity, waitFor, type OwnKafkaBroker } from '@hookline/testing';
import { Kafka, logLevel } from 'kafkajs';
import { createLiveWebhook } from './support/customer';
import { startDeliveryStack, type DeliveryStack } from './support/delivery-stack';

// The Kafka broker stopped and started again while a publisher keeps publishing over REST:
// nothing is acknowledged that the broker did not store, and every acknowledged event is
// delivered once it is back. The broker is this suite's own; PostgreSQL is the shared one.

let broker: OwnKafkaBroker;
let stack: DeliveryStack;
let endpoint: Receiver;

beforeAll(async () => {
  broker = await startOwnKafkaBroker();
  stack = await startDeliveryStack({ retryScheduleSeconds: '1,1', kafkaBrokers: broker.brokers });
  endpoint = await Receiver.start();
}, 300_000);

afterAll(async () => {
  await endpoint?.stop();
  await stack?.stop();
  await broker?.destroy();
}, 90_000);

async function eventsTopicEndOffsets(): Promise<number> {
  const admin = new Kafka({ clientId: 'outage-offsets', brokers: [broker.brokers], ...testKafkaSecurity(broker.brokers), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topic = (await admin.listTopics()).find((name) => name.endsWith('hookline.events.v1'))!;
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

it('broker stopped under load and started again: topic end offsets cover every acknowledged event, and every one is delivered', async () => {
  const org = await stack.createOrganization();
  const key = await org.keyFor('developer');
  await createLiveWebhook(stack, key, endpoint);

  const acknowledged: string[] = [];
  let refused = 0;
  let running = true;
  const publishers = Array.from({ length: 4 }, async () => {
    for (let n = 0; running; n++) {
      const res = await stack.api('POST', '/v1/events', { key, body: { type: 'transfer.completed', data: { n } } }).catch(() => undefined);
      if (res?.status === 201) acknowledged.push(res.body.id);
      else {
        refused++;
        // What a client does after a 503: try again a little later.
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
  try {
    await waitFor(() => acknowledged.length >= 100, { timeoutMs: 60_000, message: 'publishing to flow' });
    await broker.stop('SIGTERM');
    await waitFor(() => refused >= 10, { timeoutMs: 60_000, message: 'publishes to be refused while the broker is down' });
    await broker.start();
    const atRestart = acknowledged.length;
    await waitFor(() => acknowledged.length >= atRestart + 100, { timeoutMs: 120_000, message: 'publishing to work again after the restart' });
  } finally {
    running = false;
    await Promise.all(publishers);
  }

  expect(await eventsTopicEndOffsets()).toBeGreaterThanOrEqual(acknowledged.length);
  const undelivered = () => acknowledged.filter((id) => endpoint.requestsForEvent(id).length === 0);
  await waitFor(() => undelivered().length === 0, { timeoutMs: 120_000, intervalMs: 500, message: 'every acknowledged event to be delivered' }).catch((error) => {
    throw new Error(`${String(error)}: ${undelivered().length} of ${acknowledged.length} missing`);
  });
}, 400_000);
