import { loadConfig } from '@hookline/config';
import { InputError, PermissionError } from '@hookline/errors';
import { createGrpcClient } from '@hookline/grpc';
import { topicNames } from '@hookline/kafka';
import { eventsV1, ingestionV1 } from '@hookline/proto';
import { testTls, waitFor } from '@hookline/testing';
import type { RunningIngestion } from '../app';
import { ingestionEnv } from '../config';
import { startFakeRegistry, type FakeRegistry } from '../testing/fake-registry';
import { ingestionTestEnv, publishRequest, startIngestionInProcess, type IngestionClient } from '../testing/ingestion-harness';
import { startTopicProbe, type TopicProbe } from '../testing/topic-probe';

// The archive holds the one copy of each event's body: the dispatcher reads it back for every
// attempt after the first, and must get exactly what the events topic carried.

describe('GetEventEnvelopes: the dispatcher reads event bodies from the archive', () => {
  let registry: FakeRegistry;
  let ingestion: RunningIngestion;
  let gateway: IngestionClient;
  let dispatcher: IngestionClient;
  let topic: TopicProbe;

  beforeAll(async () => {
    registry = await startFakeRegistry(['org_one', 'org_two'], ['a.happened']);
    const env = ingestionTestEnv(registry.address);
    ({ ingestion, client: gateway } = await startIngestionInProcess(env));
    dispatcher = createGrpcClient(ingestionV1.IngestionServiceService, `127.0.0.1:${ingestion.grpcPort}`, { tls: testTls('dispatcher'), peerName: 'ingestion', deadlineMs: 10_000 });
    topic = await startTopicProbe(env.KAFKA_BROKERS, topicNames(env.HOOKLINE_TOPIC_PREFIX).events);
  });

  afterAll(async () => {
    dispatcher?.close();
    gateway?.close();
    await topic?.stop();
    await ingestion?.stop();
    await registry?.stop();
  });

  it('answers the archived events of any org with the very fields the topic carried; ids not archived are left out', async () => {
    const data = ['{"z":1.50,"note":"caf\\u00e9 ✓","a":[3,1]}', '{"b":true}'];
    const [one, two] = await Promise.all(
      (['org_one', 'org_two'] as const).map(async (orgId, i) => (await gateway.publish(publishRequest({ orgId, type: 'a.happened', dataJson: data[i] }))).event!),
    );
    const wanted = [one.id, two.id, 'evt_never_published'];

    const answer = await waitFor(
      async () => {
        const found = await dispatcher.getEventEnvelopes({ eventIds: wanted });
        return found.events.length === 2 ? found : undefined;
      },
      { message: 'both events archived' },
    );

    const onTopic = await waitFor(() => (topic.messages.length >= 2 ? topic.messages.map((m) => eventsV1.Event.decode(m.value!)) : undefined), { message: 'both events on the topic' });
    const fields = (e: { id: string; type: string; source: string; time: string; isTest: boolean; dataJson: string }) => [e.id, e.type, e.source, e.time, e.isTest, e.dataJson];
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(answer.events.sort(byId).map(fields)).toEqual(onTopic.filter((e) => wanted.includes(e.id)).sort(byId).map(fields));
    expect(answer.events.map((e) => e.orgId).sort()).toEqual(['org_one', 'org_two']);
    // Retention keeps 30 days by default: an absent id newer than this is still to come.
    const retainedSince = Date.parse(answer.retainedSince);
    expect(Date.now() - retainedSince).toBeGreaterThanOrEqual(30 * 86_400_000);
    expect(Date.now() - retainedSince).toBeLessThan(30 * 86_400_000 + 60_000);
  });

  it('only the dispatcher may call it: the gateway, even for an org, is refused', async () => {
    await expect(gateway.getEventEnvelopes({ eventIds: ['evt_x'] })).rejects.toBeInstanceOf(PermissionError);
  });

  it('refuses an empty request and more than 500 ids', async () => {
    await expect(dispatcher.getEventEnvelopes({ eventIds: [] })).rejects.toMatchObject({ constructor: InputError, param: 'event_ids' });
    await expect(dispatcher.getEventEnvelopes({ eventIds: Array.from({ length: 501 }, (_, i) => `evt_${i}`) })).rejects.toMatchObject({ constructor: InputError, param: 'event_ids' });
  });

  it('leaves out an id no event can have (huge, empty, non-ASCII) and still answers the others; NUL is refused at the boundary', async () => {
    const event = (await gateway.publish(publishRequest({ orgId: 'org_one', type: 'a.happened', dataJson: '{"n":1}' }))).event!;
    await expect(dispatcher.getEventEnvelopes({ eventIds: ['evt_\u0000', event.id] })).rejects.toBeInstanceOf(InputError);
    const hostile = [`evt_${'x'.repeat(10_000)}`, 'ÉVT_ünïcödé', ''];
    const answer = await waitFor(
      async () => {
        const found = await dispatcher.getEventEnvelopes({ eventIds: [...hostile, event.id] });
        return found.events.length > 0 ? found : undefined;
      },
      { message: 'the event archived' },
    );
    expect(answer.events.map((e) => e.id)).toEqual([event.id]);
  });
});

describe('archive retention and the retry horizon', () => {
  it('a retention shorter than the longest retry schedule stops ingestion at start, naming the variable', () => {
    expect(() => loadConfig(ingestionEnv, { HOOKLINE_EVENT_RETENTION_DAYS: '7' })).toThrow(/HOOKLINE_EVENT_RETENTION_DAYS: must be at least 24 days/);
    expect(loadConfig(ingestionEnv, { HOOKLINE_EVENT_RETENTION_DAYS: '24' }).HOOKLINE_EVENT_RETENTION_DAYS).toBe(24);
  });
});
