import { ConflictError, InputError, NotFoundError, PayloadTooLargeError } from '@hookline/errors';
import { topicNames } from '@hookline/kafka';
import { eventsV1 } from '@hookline/proto';
import { waitFor } from '@hookline/testing';
import type { RunningIngestion } from '../app';
import { startFakeRegistry, type FakeRegistry } from '../testing/fake-registry';
import { ingestionTestEnv, publishRequest, startIngestionInProcess, type IngestionClient } from '../testing/ingestion-harness';
import { startTopicProbe, type TopicProbe } from '../testing/topic-probe';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('publishing events through the ingestion gRPC API', () => {
  let registry: FakeRegistry;
  let ingestion: RunningIngestion;
  let client: IngestionClient;
  let topic: TopicProbe;

  beforeAll(async () => {
    registry = await startFakeRegistry(['org_a', 'org_b'], ['transfer.completed', 'invoice.paid']);
    const env = ingestionTestEnv(registry.address, { HOOKLINE_MAX_EVENT_BYTES: '1024' });
    ({ ingestion, client } = await startIngestionInProcess(env));
    topic = await startTopicProbe(env.KAFKA_BROKERS, topicNames(env.HOOKLINE_TOPIC_PREFIX).events);
  });

  afterAll(async () => {
    client?.close();
    await topic?.stop();
    await ingestion?.stop();
    await registry?.stop();
  });

  it('an acknowledged publish is on the topic keyed by org, as a protobuf Event with the trace header, and then readable with GetEvent', async () => {
    const { event, duplicate } = await client.publish(publishRequest({ dataJson: '{"amount":42,"currency":"EUR"}' }), { traceparent: TRACEPARENT });

    expect(duplicate).toBe(false);
    expect(event!.id).toMatch(/^evt_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(event!.source).toBe('hookline');
    expect(Math.abs(Date.parse(event!.time) - Date.now())).toBeLessThan(5_000);

    const fetched = await waitFor(() => client.getEvent({ orgId: 'org_a', eventId: event!.id }), { timeoutMs: 20_000, intervalMs: 20, message: 'the event via GetEvent' });
    expect(fetched).toEqual(event);
    expect(JSON.parse(fetched.dataJson)).toEqual({ amount: 42, currency: 'EUR' });

    const message = await waitFor(() => topic.messages.find((m) => m.value && eventsV1.Event.decode(m.value).id === event!.id), { message: 'the event on the topic' });
    expect(message.key!.toString()).toBe('org_a');
    expect(topic.header(message, 'traceparent')).toBe(TRACEPARENT);
    expect(eventsV1.Event.decode(message.value!)).toMatchObject({ id: event!.id, orgId: 'org_a', type: 'transfer.completed', time: event!.time, dataJson: '{"amount":42,"currency":"EUR"}' });
  });

  it('another org cannot read the event', async () => {
    const { event } = await client.publish(publishRequest());
    await waitFor(() => client.getEvent({ orgId: 'org_a', eventId: event!.id }), { message: 'archived' });
    await expect(client.getEvent({ orgId: 'org_b', eventId: event!.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses an unknown type, oversize data, non-object data and a missing org, each with a clear error and nothing on the topic', async () => {
    const before = await topic.storedCount();

    await expect(client.publish(publishRequest({ type: 'no.such.type' }))).rejects.toMatchObject({
      constructor: InputError,
      code: 'unknown_event_type',
      param: 'type',
      message: expect.stringContaining('no.such.type'),
    });
    await expect(client.publish(publishRequest({ dataJson: JSON.stringify({ blob: 'x'.repeat(2_000) }) }))).rejects.toMatchObject({
      constructor: PayloadTooLargeError,
      param: 'data',
    });
    await expect(client.publish(publishRequest({ dataJson: '[1,2]' }))).rejects.toMatchObject({ constructor: InputError, code: 'invalid_data', param: 'data' });
    await expect(client.publish(publishRequest({ dataJson: '"text"' }))).rejects.toMatchObject({ constructor: InputError, code: 'invalid_data' });
    await expect(client.publish(publishRequest({ orgId: 'org_missing' }))).rejects.toMatchObject({ constructor: NotFoundError, param: 'org_id' });

    expect(await topic.storedCount()).toBe(before);
  });

  it('accepts a type added to the catalog after start, without waiting for the periodic refresh', async () => {
    registry.eventTypes.add('customer.created');
    const { event } = await client.publish(publishRequest({ type: 'customer.created' }));
    expect(event!.type).toBe('customer.created');
  });

  it('the same idempotency key twice gives one event and the same id', async () => {
    const before = await topic.storedCount();
    const first = await client.publish(publishRequest({ idempotencyKey: 'order-1', dataJson: '{"amount":42,"currency":"EUR"}' }));
    const second = await client.publish(publishRequest({ idempotencyKey: 'order-1', dataJson: '{ "currency": "EUR", "amount": 42 }' }));

    expect(second.event!.id).toBe(first.event!.id);
    expect(second.duplicate).toBe(true);
    expect(second.event!.dataJson).toBe(first.event!.dataJson);
    expect(await topic.storedCount()).toBe(before + 1);
    // Keys are per org: another org may use the same key.
    const other = await client.publish(publishRequest({ orgId: 'org_b', idempotencyKey: 'order-1' }));
    expect(other.event!.id).not.toBe(first.event!.id);
  });

  it('a reused idempotency key with different content answers ALREADY_EXISTS (409 at the gateway), as REST does', async () => {
    const before = await topic.storedCount();
    const first = await client.publish(publishRequest({ idempotencyKey: 'order-2', dataJson: '{"amount":42}' }));
    const ALREADY_EXISTS = 6; // gRPC status code
    for (const changed of [{ dataJson: '{"amount":999}' }, { type: 'invoice.paid' }, { isTest: true }]) {
      await expect(client.publish(publishRequest({ idempotencyKey: 'order-2', dataJson: '{"amount":42}', ...changed }))).rejects.toMatchObject({
        constructor: ConflictError,
        code: 'idempotency_key_reused',
        param: 'idempotency_key',
        cause: expect.objectContaining({ code: ALREADY_EXISTS }),
      });
    }
    const { results } = await client.publishBatch({
      events: [
        publishRequest({ orgId: 'org_b', dataJson: '{"n":1}', idempotencyKey: 'batch-reused' }),
        publishRequest({ orgId: 'org_b', dataJson: '{"n":2}', idempotencyKey: 'batch-reused' }),
      ],
    });
    expect(results.map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'idempotency_key_reused']);
    expect(await topic.storedCount()).toBe(before + 2);
    expect((await client.publish(publishRequest({ idempotencyKey: 'order-2', dataJson: '{"amount":42}' }))).event!.id).toBe(first.event!.id);
  });

  it('concurrent publishes with one key publish one event; the others get it or are told to retry', async () => {
    const before = await topic.storedCount();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => client.publish(publishRequest({ idempotencyKey: 'race-1' }))));
    const ids = new Set(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.event!.id] : [])));
    const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));

    expect(ids.size).toBe(1);
    for (const refusal of refusals) expect(refusal).toBeInstanceOf(ConflictError);
    expect(await topic.storedCount()).toBe(before + 1);
  });

  it('a batch publishes its good items in one go and refuses each bad item with its own error', async () => {
    const before = await topic.storedCount();
    const { results } = await client.publishBatch({
      events: [
        publishRequest({ dataJson: '{"n":1}' }),
        publishRequest({ type: 'nope.nope' }),
        publishRequest({ type: 'invoice.paid', dataJson: '{"n":2}' }),
        publishRequest({ dataJson: '42' }),
        publishRequest({ orgId: 'org_missing' }),
        publishRequest({ orgId: 'org_b', dataJson: '{"n":3}', idempotencyKey: 'batch-key' }),
        publishRequest({ orgId: 'org_b', dataJson: '{"n":3}', idempotencyKey: 'batch-key' }),
      ],
    });

    expect(results.map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'unknown_event_type', 'ok', 'invalid_data', 'not_found', 'ok', 'ok']);
    expect(results[1].error!.message).toContain('nope.nope');
    expect(results[4].error!.param).toBe('org_id');
    expect(results[6].event!.id).toBe(results[5].event!.id);
    expect(results[6].duplicate).toBe(true);
    expect(await topic.storedCount()).toBe(before + 3);
  });

  it('refuses a batch of more than 500 events', async () => {
    await expect(client.publishBatch({ events: Array.from({ length: 501 }, () => publishRequest()) })).rejects.toMatchObject({ code: 'batch_too_large' });
  });
});
