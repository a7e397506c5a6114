import { UnavailableError } from '@hookline/errors';
import { startOwnKafkaBroker, waitFor, type OwnKafkaBroker } from '@hookline/testing';
import type { RunningIngestion } from '../app';
import { startFakeRegistry, type FakeRegistry } from '../testing/fake-registry';
import { ingestionTestEnv, publishRequest, startIngestionInProcess, type IngestionClient } from '../testing/ingestion-harness';

const PUBLISH_TIMEOUT_MS = 3_000;
const CALL_DEADLINE_MS = 8_000;

describe('publishing while Kafka is down', () => {
  let broker: OwnKafkaBroker;
  let registry: FakeRegistry;
  let ingestion: RunningIngestion;
  let client: IngestionClient;

  beforeAll(async () => {
    [broker, registry] = await Promise.all([startOwnKafkaBroker(), startFakeRegistry(['org_a'], ['transfer.completed'])]);
    const env = ingestionTestEnv(registry.address, {
      KAFKA_BROKERS: broker.brokers,
      HOOKLINE_PUBLISH_TIMEOUT_MS: String(PUBLISH_TIMEOUT_MS),
      HOOKLINE_EVENTS_TOPIC_PARTITIONS: '1',
    });
    ({ ingestion, client } = await startIngestionInProcess(env));
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await ingestion?.stop();
    await registry?.stop();
    await broker?.destroy();
  }, 60_000);

  it('fails with UNAVAILABLE within the deadline, never a false success, and works again once the broker is back', async () => {
    const before = await client.publish(publishRequest({ idempotencyKey: 'k-before' }));
    expect(before.event!.id).toMatch(/^evt_/);

    await broker.stop();
    const startedAt = Date.now();
    const outage = await client.publish(publishRequest({ idempotencyKey: 'k-during' }), { deadlineMs: CALL_DEADLINE_MS }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(outage).toBeInstanceOf(UnavailableError);
    expect(Date.now() - startedAt).toBeLessThan(CALL_DEADLINE_MS);

    await broker.start();
    // The same key again: the key kept its event, so the retry publishes that event, not a second one.
    const during = await waitFor(
      () => client.publish(publishRequest({ idempotencyKey: 'k-during' }), { deadlineMs: CALL_DEADLINE_MS }),
      { timeoutMs: 60_000, intervalMs: 500, message: 'publishing to work again' },
    );
    expect(during.duplicate).toBe(true);
    const fetched = await waitFor(() => client.getEvent({ orgId: 'org_a', eventId: during.event!.id }), { timeoutMs: 30_000, message: 'the event archived after the outage' });
    expect(fetched.id).toBe(during.event!.id);
    const fresh = await client.publish(publishRequest({ idempotencyKey: 'k-after' }), { deadlineMs: CALL_DEADLINE_MS });
    expect(fresh.duplicate).toBe(false);
  }, 180_000);
});
