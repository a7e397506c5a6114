import { createGrpcClient } from '@hookline/grpc';
import { topicNames } from '@hookline/kafka';
import { ingestionV1 } from '@hookline/proto';
import { startServiceProcess, testTls, type ServiceProcess } from '@hookline/testing';
import { startFakeRegistry, type FakeRegistry } from '../testing/fake-registry';
import { ingestionTestEnv, publishRequest } from '../testing/ingestion-harness';
import { startTopicProbe, type TopicProbe } from '../testing/topic-probe';

describe('idempotency keys across ingestion processes', () => {
  let registry: FakeRegistry;
  let env: Record<string, string>;
  let topic: TopicProbe;
  const processes: ServiceProcess[] = [];

  const start = async () => {
    const proc = await startServiceProcess('ingestion', env);
    processes.push(proc);
    return { proc, client: createGrpcClient(ingestionV1.IngestionServiceService, proc.grpcAddress, { tls: testTls('gateway'), peerName: 'ingestion', deadlineMs: 10_000 }) };
  };

  beforeAll(async () => {
    registry = await startFakeRegistry(['org_a'], ['transfer.completed']);
    env = ingestionTestEnv(registry.address);
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop(5_000)));
    await topic?.stop();
    await registry?.stop();
  });

  it('a key used before a restart, and on another instance, returns the first event and publishes nothing new', async () => {
    const first = await start();
    const original = await first.client.publish(publishRequest({ idempotencyKey: 'payout-7' }));
    first.client.close();
    await first.proc.stop();

    const [second, third] = await Promise.all([start(), start()]);
    const afterRestart = await second.client.publish(publishRequest({ idempotencyKey: 'payout-7' }));
    const onOtherInstance = await third.client.publish(publishRequest({ idempotencyKey: 'payout-7' }));
    second.client.close();
    third.client.close();

    expect(afterRestart.event!.id).toBe(original.event!.id);
    expect(afterRestart.duplicate).toBe(true);
    expect(onOtherInstance.event!.id).toBe(original.event!.id);
    topic = await startTopicProbe(env.KAFKA_BROKERS, topicNames(env.HOOKLINE_TOPIC_PREFIX).events);
    expect(await topic.storedCount()).toBe(1);
  });
});
