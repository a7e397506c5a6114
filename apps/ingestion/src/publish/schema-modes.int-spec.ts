import { status } from '@grpc/grpc-js';
import { InputError } from '@hookline/errors';
import { topicNames } from '@hookline/kafka';
import { waitFor } from '@hookline/testing';
import type { RunningIngestion } from '../app';
import { startFakeRegistry, type FakeRegistry } from '../testing/fake-registry';
import { ingestionTestEnv, publishRequest, startIngestionInProcess, type IngestionClient } from '../testing/ingestion-harness';
import { startTopicProbe, type TopicProbe } from '../testing/topic-probe';

// Schema-checked publishing over gRPC (DESIGN §3): enforce refuses with INVALID_ARGUMENT naming the
// JSON pointer and rule, warn accepts and counts, off accepts.

const money = {
  type: 'object',
  required: ['amount', 'currency'],
  properties: { amount: { type: 'integer', minimum: 1 }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
};

describe('schema modes on gRPC Publish', () => {
  let registry: FakeRegistry;
  let ingestion: RunningIngestion;
  let client: IngestionClient;
  let topic: TopicProbe;

  beforeAll(async () => {
    registry = await startFakeRegistry(['org_a'], ['transfer.completed', 'invoice.paid', 'payout.paid', 'refund.issued']);
    registry.schemas.set('transfer.completed', { schema: money, mode: 'enforce', version: 1 });
    registry.schemas.set('invoice.paid', { schema: money, mode: 'warn', version: 1 });
    registry.schemas.set('payout.paid', { schema: money, mode: 'off', version: 1 });
    registry.schemas.set('refund.issued', { schema: money, mode: 'warn', version: 1 });
    const env = ingestionTestEnv(registry.address, { HOOKLINE_CATALOG_REFRESH_MS: '100' });
    ({ ingestion, client } = await startIngestionInProcess(env));
    topic = await startTopicProbe(env.KAFKA_BROKERS, topicNames(env.HOOKLINE_TOPIC_PREFIX).events);
  });

  afterAll(async () => {
    client?.close();
    await topic?.stop();
    await ingestion?.stop();
    await registry?.stop();
  });

  const violations = async (type: string, mode: string): Promise<number> => {
    const text = await (await fetch(`http://127.0.0.1:${ingestion.opsPort}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('hookline_schema_violations_total{') && l.includes(`event_type="${type}"`) && l.includes(`mode="${mode}"`));
    return line ? Number(line.split(' ').pop()) : 0;
  };
  const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as InputError & { cause: { code: number } });

  it('enforce: data that breaks the schema is refused with INVALID_ARGUMENT naming /data/… and the rule, and never stored', async () => {
    const before = await topic.storedCount();
    const counted = await violations('transfer.completed', 'enforce');

    const low = await refusal(client.publish(publishRequest({ dataJson: JSON.stringify({ amount: 0, currency: 'EUR' }) })));
    expect(low).toBeInstanceOf(InputError);
    expect(low!.cause.code).toBe(status.INVALID_ARGUMENT);
    expect(low).toMatchObject({ code: 'schema_violation', param: '/data/amount' });
    expect(low!.message).toContain('/data/amount must be >= 1');
    expect(low!.message).toContain('rule: minimum');
    expect(low!.message).toContain('transfer.completed (version 1)');

    const missing = await refusal(client.publish(publishRequest({ dataJson: JSON.stringify({ amount: 5 }) })));
    expect(missing).toMatchObject({ code: 'schema_violation', param: '/data/currency', message: expect.stringContaining('rule: required') });

    expect(await topic.storedCount()).toBe(before);
    expect(await violations('transfer.completed', 'enforce')).toBe(counted + 2);

    const { event } = await client.publish(publishRequest({ dataJson: JSON.stringify({ amount: 5, currency: 'EUR' }) }));
    expect(event!.id).toMatch(/^evt_/);
  });

  it('enforce in a batch: only the item that breaks the schema is refused, with its pointer', async () => {
    const { results } = await client.publishBatch({
      events: [
        publishRequest({ dataJson: JSON.stringify({ amount: 5, currency: 'EUR' }) }),
        publishRequest({ dataJson: JSON.stringify({ amount: 5, currency: 'euro' }) }),
      ],
    });
    expect(results[0].error).toBeUndefined();
    expect(results[1].error).toMatchObject({ code: 'schema_violation', param: '/data/currency', message: expect.stringContaining('rule: pattern') });
  });

  it('warn: data that breaks the schema is accepted and counted per type; matching data is not counted', async () => {
    const counted = await violations('invoice.paid', 'warn');
    const { event } = await client.publish(publishRequest({ type: 'invoice.paid', dataJson: JSON.stringify({ amount: 'ten' }) }));
    expect(event!.id).toMatch(/^evt_/);
    await client.publish(publishRequest({ type: 'invoice.paid', dataJson: JSON.stringify({ amount: 10, currency: 'EUR' }) }));
    expect(await violations('invoice.paid', 'warn')).toBe(counted + 1);
  });

  it('off: nothing is checked or counted; test events are not checked under enforce', async () => {
    const { event } = await client.publish(publishRequest({ type: 'payout.paid', dataJson: JSON.stringify({ amount: -1 }) }));
    expect(event!.id).toMatch(/^evt_/);
    expect(await violations('payout.paid', 'off')).toBe(0);
    const test = await client.publish(publishRequest({ isTest: true, dataJson: JSON.stringify({ message: 'a test' }) }));
    expect(test.event!.isTest).toBe(true);
  });

  it('a mode or version changed in the registry applies at the next catalog refresh', async () => {
    const bad = () => client.publish(publishRequest({ type: 'refund.issued', dataJson: JSON.stringify({ amount: 0, currency: 'EUR' }) }));
    await expect(bad()).resolves.toBeDefined();

    registry.schemas.set('refund.issued', { schema: money, mode: 'enforce', version: 1 });
    const refused = await waitFor(() => refusal(bad()), { message: 'refund.issued enforced' });
    expect(refused).toMatchObject({ code: 'schema_violation', param: '/data/amount' });

    // Version 2 allows zero: compiled anew, the same data is accepted.
    registry.schemas.set('refund.issued', { schema: { ...money, properties: { ...money.properties, amount: { type: 'integer', minimum: 0 } } }, mode: 'enforce', version: 2 });
    await waitFor(() => bad().then(() => true, () => false), { message: 'version 2 in use' });
  });
});
