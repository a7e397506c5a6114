// Publish throughput of one ingestion instance against the local Kafka and PostgreSQL.
//   node --import tsx apps/ingestion/src/bench/publish-throughput.ts [events=20000]
// Starts ingestion in this process with a stub registry (orgs and types always known), then
// measures PublishBatch (500 per call, sequential and 4 in flight) and concurrent unary Publish,
// beside a unary Ping baseline (client and server share this process's one thread).
import { startFakeRegistry } from '../testing/fake-registry';
import { ingestionTestEnv, publishRequest, startIngestionInProcess, type IngestionClient } from '../testing/ingestion-harness';

const total = Number(process.argv[2] ?? 20_000);
const data = JSON.stringify({ transfer_id: 'tr_123', amount: 1250, currency: 'EUR', note: 'x'.repeat(200) });

async function measure(label: string, count: number, run: () => Promise<void>): Promise<void> {
  const started = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`${label.padEnd(44)} ${count} events in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)} events/s`);
}

async function batches(client: IngestionClient, count: number, inFlight: number): Promise<void> {
  let remaining = Math.ceil(count / 500);
  const worker = async () => {
    while (remaining-- > 0) {
      const { results } = await client.publishBatch({ events: Array.from({ length: 500 }, () => publishRequest({ dataJson: data })) });
      if (results.some((r) => r.error)) throw new Error(`refused: ${JSON.stringify(results.find((r) => r.error))}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

async function unary(client: IngestionClient, count: number, concurrency: number): Promise<void> {
  let remaining = count;
  const worker = async () => {
    while (remaining-- > 0) await client.publish(publishRequest({ dataJson: data }));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function pings(client: IngestionClient, count: number, concurrency: number): Promise<void> {
  let remaining = count;
  const worker = async () => {
    while (remaining-- > 0) await client.ping({ message: 'bench' });
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function main(): Promise<void> {
  const registry = await startFakeRegistry(['org_a'], ['transfer.completed']);
  const { ingestion, client } = await startIngestionInProcess(ingestionTestEnv(registry.address, { HOOKLINE_EVENTS_TOPIC_PARTITIONS: '12' }));
  try {
    await unary(client, 200, 20); // warm-up: connections, metadata, JIT
    // Baseline: the same client and concurrency doing nothing but gRPC round trips.
    await measure('unary Ping baseline, 200 concurrent', total / 2, () => pings(client, total / 2, 200));
    await measure('PublishBatch, 500/call, 1 in flight', total, () => batches(client, total, 1));
    await measure('PublishBatch, 500/call, 4 in flight', total, () => batches(client, total, 4));
    await measure('unary Publish, 200 concurrent', total / 2, () => unary(client, total / 2, 200));
    await measure('unary Publish, 50 concurrent', total / 4, () => unary(client, total / 4, 50));
  } finally {
    client.close();
    await ingestion.stop();
    await registry.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
