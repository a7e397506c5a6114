import { PermissionError } from '@hookline/errors';
import { createGrpcClient } from '@hookline/grpc';
import { topicNames } from '@hookline/kafka';
import { eventsV1, ingestionV1 } from '@hookline/proto';
import { testPublisherTls, uniqueSuffix, waitFor } from '@hookline/testing';
import type { RunningIngestion } from '../app';
import { startFakeRegistry, type FakeRegistry } from '../testing/fake-registry';
import { ingestionTestEnv, publishRequest, startIngestionInProcess, type IngestionClient } from '../testing/ingestion-harness';
import { startTopicProbe, type TopicProbe } from '../testing/topic-probe';

// A platform team's own service publishes with a publisher certificate (`npm run certs -- publisher NAME ORGS`).
describe('internal publishers', () => {
  let registry: FakeRegistry;
  let ingestion: RunningIngestion;
  let gatewayClient: IngestionClient;
  let topic: TopicProbe;
  const clients: IngestionClient[] = [];
  const published = () => topic.messages.map((message) => eventsV1.Event.decode(message.value!));
  const publisher = (orgs: string[]) => {
    const client = createGrpcClient(ingestionV1.IngestionServiceService, `127.0.0.1:${ingestion.grpcPort}`, {
      tls: testPublisherTls(`billing${uniqueSuffix()}`, orgs),
      peerName: 'ingestion',
      deadlineMs: 10_000,
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    registry = await startFakeRegistry(['org_a', 'org_b'], ['transfer.completed']);
    const env = ingestionTestEnv(registry.address);
    ({ ingestion, client: gatewayClient } = await startIngestionInProcess(env));
    topic = await startTopicProbe(env.KAFKA_BROKERS, topicNames(env.HOOKLINE_TOPIC_PREFIX).events);
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    gatewayClient?.close();
    await topic?.stop();
    await ingestion?.stop();
    await registry?.stop();
  });

  it('a publisher limited to org A publishes for A; for B it is refused and nothing reaches Kafka', async () => {
    const limited = publisher(['org_a']);
    const refused = await limited.publish(publishRequest({ orgId: 'org_b', dataJson: '{"n":"refused"}' })).catch((e) => e);
    expect(refused).toBeInstanceOf(PermissionError);
    expect(refused.code).toBe('org_not_allowed');
    await expect(limited.publishBatch({ events: [publishRequest({ orgId: 'org_a' }), publishRequest({ orgId: 'org_b' })] })).rejects.toBeInstanceOf(PermissionError);

    const { event } = await limited.publish(publishRequest({ orgId: 'org_a', dataJson: '{"n":"accepted"}' }));
    await waitFor(() => published().some((e) => e.id === event!.id), { timeoutMs: 10_000, message: 'the accepted event on the topic' });
    expect(published().filter((e) => e.orgId === 'org_b')).toEqual([]);
  });

  it('a publisher may not read events (the Events API is the gateway’s, for an API key)', async () => {
    const unlimited = publisher([]);
    await expect(unlimited.publish(publishRequest({ orgId: 'org_b' }))).resolves.toMatchObject({ duplicate: false });
    await expect(unlimited.listEvents({ orgId: 'org_b', limit: 10, cursor: '', types: [], createdAfter: '', createdBefore: '' })).rejects.toBeInstanceOf(PermissionError);
  });

  it('the gateway keeps publishing for any org', async () => {
    await expect(gatewayClient.publish(publishRequest({ orgId: 'org_b' }))).resolves.toMatchObject({ duplicate: false });
  });
});
