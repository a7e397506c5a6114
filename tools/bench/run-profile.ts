// One profile, start to finish: its organizations and webhooks, routing, max throughput,
// latency at a fixed rate, and the accounting of every delivery (receiver and database).
import { seedRetryBacklog } from './backlog';
import { countDeliveryRows, type DeliveryRows } from './delivery-rows';
import { routesBetween, scrapeRoutes, type RouteCounts } from './dispatcher-metrics';
import { fetchedHop, measureHops, scrapeFanOutDelay, type HopFigure } from './hops';
import type { BenchOptions } from './options';
import { runLatency, runThroughput, type LatencyResult, type ThroughputResult } from './phases';
import { waitUntilRouting } from './routing-probe';
import type { Platform } from './platform';
import { diffSamples, sampleProcesses, watchPeakRss, type ProcessSample } from './process-stats';
import type { Profile } from './profiles';
import type { Receiver } from './receiver';
import { setUpProfile, WEBHOOK_RATE_LIMIT_RPS } from './traffic';
import { sampleWrites, settledWrites, writesPerDelivery, type WriteFigures, type WriteSample } from './writes';

export interface ProfileResult {
  profile: Profile;
  webhooks: number;
  /** Events published per PublishBatch, and the throughput phase's window (both shrink for big events). */
  batch: number;
  window: number;
  setupSeconds: number;
  backlog?: { rows: number; seconds: number };
  throughput: ThroughputResult;
  latency: LatencyResult;
  /** The latency phase's first attempts, hop by hop (empty without a database URL). */
  hops: HopFigure[];
  /** Throughput ÷ the raw baseline's best. */
  platformOverRaw: number;
  /** webhooks × their rate limit: no run can exceed it. */
  rateLimitCeiling: number;
  /** First attempts in the throughput phase handed to the sender in process vs produced to the deliveries topic. */
  firstAttemptRoutes: RouteCounts | null;
  /** CPU over the throughput phase (warm-up and drain included); peak RSS sampled over the whole profile. */
  processes: ProcessSample[];
  /** Every delivery of the profile (probes, throughput, latency): (events published) × webhooks per org. */
  deliveriesExpected: number;
  deliveriesReceived: number;
  /** The dispatcher's rows for the profile's organizations (null without a database URL). */
  deliveryRows: DeliveryRows | null;
  /** PostgreSQL's writes per delivery over the throughput and latency phases (null without a database URL). */
  writes: WriteFigures | null;
  /** Expected minus received at the receiver, or minus rows marked delivered, whichever is larger. Must be 0. */
  lost: number;
  /** Requests whose signature did not verify (`--verify`). */
  verifyFailures: number;
}

/** Big events: keep a PublishBatch under 4 MiB and the undelivered window under 64 MiB. */
const MAX_BATCH_BYTES = 4 * 2 ** 20;
const MAX_WINDOW_BYTES = 64 * 2 ** 20;
/** …and the latency phase's rate under 8 MiB/s of events (256 KiB events: 32 deliveries/s). */
const MAX_RATE_BYTES = 8 * 2 ** 20;
/**
 * Latency is measured below saturation: at a rate the platform did not sustain in phase 1 the
 * figure is only the queue growing (and publishes time out). The report says when it was lowered.
 */
const MAX_RATE_SHARE_OF_THROUGHPUT = 0.8;

export async function runProfile(opts: { platform: Platform; receiver: Receiver; profile: Profile; options: BenchOptions; rawPerSecond: number; say: (line: string) => void }): Promise<ProfileResult> {
  const { platform, receiver, profile, options, say } = opts;
  const webhooks = profile.orgs * profile.webhooksPerOrg;
  const batch = Math.max(1, Math.min(options.batch, Math.floor(MAX_BATCH_BYTES / profile.payloadBytes)));
  const window = Math.max(profile.webhooksPerOrg * batch, Math.min(options.window, Math.floor(MAX_WINDOW_BYTES / profile.payloadBytes)));
  const byteRate = Math.min(options.rate, Math.floor(MAX_RATE_BYTES / profile.payloadBytes));
  const traffic = (orgIds: string[]) => ({ orgIds, webhooksPerOrg: profile.webhooksPerOrg });

  receiver.reset();
  const setupStart = Date.now();
  const setup = await setUpProfile(platform, receiver.url, profile, profile.name);
  const setupSeconds = (Date.now() - setupStart) / 1000;
  if (options.verify) receiver.verifyWith(setup.secrets);
  say(`${profile.name}: ${profile.orgs} organizations × ${profile.webhooksPerOrg} webhooks set up in ${setupSeconds.toFixed(0)} s`);
  let backlog: ProfileResult['backlog'];
  if (profile.backlogRows) {
    if (!platform.databaseUrl) throw new Error('the backlog run needs the database (--database-url with --gateway)');
    backlog = await seedRetryBacklog(platform.databaseUrl, setup.webhooks, profile.backlogRows, say);
  }

  const groups = () => ({ ...platform.processGroups(), bench: [process.pid] });
  const rss = watchPeakRss(groups);
  let throughput: ThroughputResult;
  let latency: LatencyResult;
  let latencyWindow: { fromMs: number; untilMs: number };
  let fetched: HopFigure | null;
  let probes: number;
  let cpu: ProcessSample[];
  let routes: RouteCounts | null;
  let peaks: Record<string, number>;
  let writesBefore: WriteSample | null = null;
  try {
    probes = await waitUntilRouting(platform.ingestion, setup.orgIds, receiver, webhooks, 60_000 + profile.orgs * 50);
    say(`${profile.name}: routing; phase 1: max throughput`);
    writesBefore = platform.databaseUrl ? await sampleWrites(platform.databaseUrl) : null;
    const before = sampleProcesses(groups());
    const routesBefore = await scrapeRoutes(platform.dispatcherMetricsUrl);
    throughput = await runThroughput({
      ingestion: platform.ingestion,
      traffic: traffic(setup.orgIds),
      receiver,
      clients: options.clients,
      batch,
      warmupSeconds: options.warmupSeconds,
      seconds: options.phaseSeconds,
      payloadBytes: profile.payloadBytes,
      window,
    });
    cpu = diffSamples(before, sampleProcesses(groups()));
    routes = routesBetween(routesBefore, await scrapeRoutes(platform.dispatcherMetricsUrl));
    const rate = Math.max(profile.webhooksPerOrg, Math.min(byteRate, Math.floor(throughput.deliveriesPerSecond * MAX_RATE_SHARE_OF_THROUGHPUT)));
    say(`${profile.name}: throughput ${throughput.deliveriesPerSecond.toFixed(0)}/s, lost ${throughput.lost}; phase 2: latency at ${rate}/s`);
    const latencyFromMs = Date.now();
    const delayBefore = await scrapeFanOutDelay(platform.dispatcherMetricsUrl);
    latency = await runLatency({
      ingestion: platform.ingestion,
      traffic: traffic(setup.orgIds),
      receiver,
      rate,
      seconds: options.phaseSeconds,
      payloadBytes: profile.payloadBytes,
      batch,
    });
    latencyWindow = { fromMs: latencyFromMs, untilMs: Date.now() };
    fetched = fetchedHop(delayBefore, await scrapeFanOutDelay(platform.dispatcherMetricsUrl));
    say(`${profile.name}: latency p50 ${latency.p50} ms p99 ${latency.p99} ms p99.9 ${latency.p999} ms${latency.failedPublishes ? `; ${latency.failedPublishes} PublishBatch calls failed (not acknowledged)` : ''}`);
  } finally {
    peaks = rss.stop();
  }

  const deliveriesExpected = (probes + throughput.eventsPublished + latency.events) * profile.webhooksPerOrg;
  const deliveriesReceived = receiver.stats.unique;
  const deliveryRows = platform.databaseUrl ? await countDeliveryRows(platform.databaseUrl, setup.orgIds, deliveriesExpected) : null;
  const writes =
    platform.databaseUrl && writesBefore
      ? writesPerDelivery(writesBefore, await settledWrites(platform.databaseUrl), (throughput.eventsPublished + latency.events) * profile.webhooksPerOrg)
      : null;
  const lost = Math.max(deliveriesExpected - deliveriesReceived, deliveryRows ? deliveriesExpected - deliveryRows.delivered : 0);
  const hops = platform.databaseUrl ? await measureHops(platform.databaseUrl, setup.orgIds, latencyWindow.fromMs, latencyWindow.untilMs) : [];
  if (fetched) hops.splice(1, 0, fetched);
  return {
    profile,
    webhooks,
    batch,
    window,
    setupSeconds,
    backlog,
    throughput,
    latency,
    hops,
    platformOverRaw: throughput.deliveriesPerSecond / opts.rawPerSecond,
    rateLimitCeiling: webhooks * WEBHOOK_RATE_LIMIT_RPS,
    firstAttemptRoutes: routes,
    processes: cpu.map((p) => ({ ...p, peakRssMiB: peaks[p.name] ?? p.peakRssMiB })),
    deliveriesExpected,
    deliveriesReceived,
    deliveryRows,
    writes,
    lost,
    verifyFailures: receiver.stats.verifyFailures,
  };
}
