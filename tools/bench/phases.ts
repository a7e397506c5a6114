// The measured phases of a profile: max throughput, then latency at a fixed rate.
import { summarize, type LatencySummary } from './percentiles';
import { events, makeData, publish, sleep, type Ingestion, type Traffic } from './publishing';
import type { Receiver } from './receiver';

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
  traffic: Traffic;
  receiver: Receiver;
  clients: number;
  batch: number;
  warmupSeconds: number;
  seconds: number;
  payloadBytes: number;
  window?: number;
}): Promise<ThroughputResult> {
  const { receiver } = opts;
  const { orgIds, webhooksPerOrg } = opts.traffic;
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
      const outstanding = counter * webhooksPerOrg - (receiver.stats.unique - baseUnique);
      if (outstanding > window) {
        await sleep(2);
        continue;
      }
      const batch = events(orgIds, data, counter, opts.batch);
      counter += opts.batch;
      // Not `published += await …`: that reads `published` before the await and loses the
      // other clients' increments made meanwhile.
      const accepted = await publish(opts.ingestion, batch);
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
  const expected = published * webhooksPerOrg;
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
  events: number;
  lost: number;
  /** PublishBatch calls that failed (events not acknowledged, so not expected at the receiver). */
  failedPublishes: number;
  /** Samples within 1 s of kafkajs's default 5 s fetch wait: a sign of a stalled consumer. */
  nearFetchWait: number;
}

/** Publishes at `rate` deliveries/s for `seconds` and samples ingest → receiver latency. */
export async function runLatency(opts: {
  ingestion: Ingestion;
  traffic: Traffic;
  receiver: Receiver;
  rate: number;
  seconds: number;
  payloadBytes: number;
  /** Most events in one PublishBatch (big events must stay under gRPC's message limit). */
  batch: number;
}): Promise<LatencyResult> {
  const batchLimit = opts.batch;
  const { receiver } = opts;
  const { orgIds, webhooksPerOrg } = opts.traffic;
  const data = makeData(opts.payloadBytes);
  const eventsPerSecond = opts.rate / webhooksPerOrg;
  const baseUnique = receiver.stats.unique;
  await receiver.takeLatencies();
  receiver.sampleLatency(true);
  const start = Date.now();
  let sent = 0;
  let failedPublishes = 0;
  // An overloaded ingestion may not answer a call in time: that call's events were not
  // acknowledged, so they are not expected; the run goes on and reports the failures.
  const acknowledged = (batch: Promise<number>) =>
    batch.catch(() => {
      failedPublishes += 1;
      return 0;
    });
  const inFlight: Promise<number>[] = [];
  while (Date.now() - start < opts.seconds * 1000) {
    const due = Math.floor(((Date.now() - start) / 1000) * eventsPerSecond) - sent;
    if (due > 0) {
      for (let first = sent; first < sent + due; first += batchLimit) {
        inFlight.push(acknowledged(publish(opts.ingestion, events(orgIds, data, first, Math.min(batchLimit, sent + due - first)))));
      }
      sent += due;
    }
    await sleep(2);
  }
  const accepted = (await Promise.all(inFlight)).reduce((sum, n) => sum + n, 0);
  const expected = accepted * webhooksPerOrg;
  const deadline = Date.now() + 120_000;
  while (receiver.stats.unique - baseUnique < expected && Date.now() < deadline) await sleep(20);
  receiver.sampleLatency(false);
  const latencies = await receiver.takeLatencies();
  const summary = summarize(latencies);
  return {
    ...summary,
    rate: opts.rate,
    seconds: opts.seconds,
    events: accepted,
    lost: expected - (receiver.stats.unique - baseUnique),
    failedPublishes,
    nearFetchWait: latencies.filter((l) => l >= 4_000 && l <= 6_000).length,
  };
}
