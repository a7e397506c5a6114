import { bindService, createGrpcClient, startGrpcServer, type RunningGrpcServer } from '@hookline/grpc';
import { createLogger } from '@hookline/logging';
import { ingestionV1 } from '@hookline/proto';
import { freePort, testTls, waitFor } from '@hookline/testing';
import { OperationalEvents } from './operational-events';

const logger = createLogger('operational-events-test', 'silent');

describe('operational events (exhausted, disabled) on their way to ingestion', () => {
  let server: RunningGrpcServer | undefined;
  afterEach(async () => {
    await server?.shutdown();
    server = undefined;
  });

  it('survive an ingestion that is away for longer than a few retries, and go a few at a time', async () => {
    const port = await freePort();
    const client = createGrpcClient(ingestionV1.IngestionServiceService, `127.0.0.1:${port}`, { tls: testTls('dispatcher'), peerName: 'ingestion' });
    const operational = new OperationalEvents(client, logger);
    const received = new Set<string>();
    let concurrent = 0;
    let mostConcurrent = 0;

    // Published while ingestion is not listening (a restart, an outage).
    const published = Array.from({ length: 40 }, (_, n) => operational.publish('org_ops', 'hookline.delivery.exhausted', { n }, `exhausted:del_${n}`));
    await waitFor(() => operational.pending === 40, { message: 'the events to wait for ingestion' });
    // Longer than the five quick attempts an event used to get before it was dropped (~6 s).
    const awayUntil = Date.now() + 8_000;
    await waitFor(() => Date.now() >= awayUntil, { timeoutMs: 10_000, message: 'the outage to last' });
    expect(received.size).toBe(0);

    server = await startGrpcServer(
      {
        name: 'ingestion',
        logger,
        tls: testTls('ingestion'),
        services: [
          bindService(ingestionV1.IngestionServiceService, {
            publish: async (request: ingestionV1.PublishRequest) => {
              mostConcurrent = Math.max(mostConcurrent, ++concurrent);
              // Slow enough that concurrent calls overlap.
              await new Promise((resolve) => setTimeout(resolve, 20));
              concurrent--;
              received.add(request.idempotencyKey);
              return { event: { id: `evt_${request.idempotencyKey}`, orgId: request.orgId, type: request.type, source: 'test', time: new Date().toISOString(), isTest: false, dataJson: request.dataJson }, duplicate: false };
            },
          } as never),
        ],
      },
      port,
      '127.0.0.1',
    );
    await Promise.all(published);
    expect(received.size).toBe(40);
    expect(operational.pending).toBe(0);
    expect(mostConcurrent).toBeLessThanOrEqual(16);
    await operational.idle();
    client.close();
  }, 60_000);
});
