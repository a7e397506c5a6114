// The three measured phases: max throughput, latency at a fixed rate, raw baseline.
import type { ingestionV1 } from '@hookline/proto';
import type { GrpcClient } from '@hookline/grpc';
import { summarize, type LatencySummary } from './percentiles';
import { runRawBaseline, type RawResult } from './raw-baseline';
import type { Receiver } from './receiver';

type Ingestion = GrpcClient<typeof ingestionV1.IngestionServiceService>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function makeData(payloadBytes: number) {
  const pad = 'x'.repeat(Math.max(0, payloadBytes - 200));
  return (i: number) => JSON.stringify({ transfer_id: `tr_${i}`, amount: 1250, currency: 'EUR', note: pad });
}

async function publish(ingestion: Ingestion, orgId: string, datas: string[]): Promise<number> {
  const response = await ingestion.publishBatch({
    events: datas.map((dataJson) => ({ orgId, type: 'transfer.completed', dataJson, idempotencyKey: '', isTest: false, targetWebhookId: '' })),
  });
  const refused = response.results.filter((r) => r.error);
  if (refused.length) throw new Error(`publish refused: ${refused[0].error!.code} ${refused[0].error!.message}`);
  return response.results.length;
}

/**
 * Publishes probe events until every webhook has received one: the platform is routing. One
 * probe is not enough — the dispatcher may not have learned of the newest webhooks yet when it
 * fans the first one out.
 */
export async function waitUntilRouting(ingestion: Ingestion, orgId: string, receiver: Receiver, webhooks: number, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (receiver.stats.paths < webhooks) {
    if (Date.now() > deadline) throw new Error(`only ${receiver.stats.paths}/${webhooks} webhooks received a probe event`);
    await publish(ingestion, orgId, [JSON.stringify({ probe: true })]);
    const next = Date.now() + 1_000;
    while (receiver.stats.paths < webhooks && Date.now() < next) await sleep(50);
  }
  // Let the last probes' other deliveries arrive, so they do not count in the first phase.
  const settle = Date.now() + 5_000;
  let last = -1;
  while (receiver.stats.unique !== last && Date.now() < settle) {
    last = receiver.stats.unique;
    await sleep(500);
  }
}

export interface ThroughputResult {
  seconds: number;
  eventsPublished: number;
  deliveriesExpected: number;
  deliveriesReceived: number;
  deliveriesPerSecond: number;
  lost: number;
  duplicates: number;
  drainSeconds: number;
}

/**
 * Publishes as fast as the platform accepts (bounded by a window of undelivered deliveries so
 * the backlog stays finite), measures the receiver's completion rate over `seconds` after a
 * warm-up, then stops and waits for every delivery: lost = expected - received.
 */
export async function runThroughput(opts: {
  ingestion: Ingestion;
  orgId: string;
  receiver: Receiver;
  webhooks: number;
  clients: number;
  batch: number;
  warmupSeconds: number;
  seconds: number;
  payloadBytes: number;
  window?: number;
}): Promise<ThroughputResult> {
  const { receiver, webhooks } = opts;
  const data = makeData(opts.payloadBytes);
  const window = opts.window ?? 40_000;
  const baseUnique = receiver.stats.unique;
  const baseDuplicates = receiver.stats.duplicates;
  let published = 0;
  let running = true;
  let counter = 0;
  const publisher = async () => {
    while (running) {
      // Events in flight count too (`counter`), or four clients overshoot the window together.
      const outstanding = counter * webhooks - (receiver.stats.unique - baseUnique);
      if (outstanding > window) {
        await sleep(2);
        continue;
      }
      const datas = Array.from({ length: opts.batch }, () => data(counter++));
      // Not `published += await …`: that reads `published` before the await and loses the
      // other clients' increments made meanwhile.
      const accepted = await publish(opts.ingestion, opts.orgId, datas);
      published += accepted;
    }
  };
  const publishers = Array.from({ length: opts.clients }, publisher);
  await sleep(opts.warmupSeconds * 1000);
  const t0 = Date.now();
  const u0 = receiver.stats.unique;
  await sleep(opts.seconds * 1000);
  const t1 = Date.now();
  const u1 = receiver.stats.unique;
  running = false;
  await Promise.all(publishers);
  const expected = published * webhooks;
  const drainStart = Date.now();
  const drainDeadline = drainStart + 180_000;
  while (receiver.stats.unique - baseUnique < expected && Date.now() < drainDeadline) await sleep(50);
  const received = receiver.stats.unique - baseUnique;
  return {
    seconds: (t1 - t0) / 1000,
    eventsPublished: published,
    deliveriesExpected: expected,
    deliveriesReceived: received,
    deliveriesPerSecond: (u1 - u0) / ((t1 - t0) / 1000),
    lost: expected - received,
    duplicates: receiver.stats.duplicates - baseDuplicates,
    drainSeconds: (Date.now() - drainStart) / 1000,
  };
}

export interface LatencyResult extends LatencySummary {
  rate: number;
  seconds: number;
  lost: number;
  /** Samples within 1 s of kafkajs's default 5 s fetch wait: a sign of a stalled consumer. */
  nearFetchWait: number;
}

/** Publishes at `rate` deliveries/s for `seconds` and samples ingest → receiver latency. */
export async function runLatency(opts: {
  ingestion: Ingestion;
  orgId: string;
  receiver: Receiver;
  webhooks: number;
  rate: number;
  seconds: number;
  payloadBytes: number;
}): Promise<LatencyResult> {
  const { receiver, webhooks } = opts;
  const data = makeData(opts.payloadBytes);
  const eventsPerSecond = opts.rate / webhooks;
  const baseUnique = receiver.stats.unique;
  await receiver.takeLatencies();
  receiver.sampleLatency(true);
  const start = Date.now();
  let sent = 0;
  const inFlight: Promise<number>[] = [];
  while (Date.now() - start < opts.seconds * 1000) {
    const due = Math.floor(((Date.now() - start) / 1000) * eventsPerSecond) - sent;
    if (due > 0) {
      inFlight.push(publish(opts.ingestion, opts.orgId, Array.from({ length: due }, (_, i) => data(sent + i))));
      sent += due;
    }
    await sleep(2);
  }
  await Promise.all(inFlight);
  const expected = sent * webhooks;
  const deadline = Date.now() + 60_000;
  while (receiver.stats.unique - baseUnique < expected && Date.now() < deadline) await sleep(20);
  receiver.sampleLatency(false);
  const latencies = await receiver.takeLatencies();
  const summary = summarize(latencies);
  return {
    ...summary,
    rate: opts.rate,
    seconds: opts.seconds,
    lost: expected - (receiver.stats.unique - baseUnique),
    nearFetchWait: latencies.filter((l) => l >= 4_000 && l <= 6_000).length,
  };
}

export async function runRaw(receiver: Receiver, payloadBytes: number, concurrency: number, seconds: number): Promise<RawResult> {
  const envelope = JSON.stringify({ id: 'evt_raw', object: 'event', type: 'transfer.completed', source: 'hookline', time: new Date().toISOString(), is_test: false, data: JSON.parse(makeData(payloadBytes)(0)) });
  return runRawBaseline(`${receiver.url}/raw`, envelope, concurrency, seconds);
}
