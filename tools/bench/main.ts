// `npm run bench`: end-to-end throughput and latency of Hookline beside a raw sign-and-POST
// baseline. See tools/bench/README.md.
import { parseOptions } from './options';
import { runLatency, runRaw, runThroughput, waitUntilRouting } from './phases';
import { routesBetween, scrapeRoutes } from './dispatcher-metrics';
import { setUpOrganization, startPlatform, WEBHOOK_RATE_LIMIT_RPS } from './platform';
import { diffSamples, sampleProcesses } from './process-stats';
import { startReceiver } from './receiver';
import { machine, toMarkdown, writeReport, type BenchReport } from './report';

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const platform = await startPlatform(options);
  let receiver;
  try {
    receiver = await startReceiver();
    const org = await setUpOrganization(platform, receiver.url, options.webhooks);
    if (options.verify) receiver.verifyWith(org.secrets);
    say(`organization ${org.orgId} with ${options.webhooks} webhooks`);
    await waitUntilRouting(platform.ingestion, org.orgId, receiver, options.webhooks);
    say('routing; phase 1: max throughput');

    const groups = () => ({ ...platform.processGroups(), bench: [process.pid] });
    const before = sampleProcesses(groups());
    const routesBefore = await scrapeRoutes(platform.dispatcherMetricsUrl);
    const throughput = await runThroughput({
      ingestion: platform.ingestion,
      orgId: org.orgId,
      receiver: receiver,
      webhooks: options.webhooks,
      clients: options.clients,
      batch: options.batch,
      warmupSeconds: options.warmupSeconds,
      seconds: options.phaseSeconds,
      payloadBytes: options.payloadBytes,
      window: options.window,
    });
    const after = sampleProcesses(groups());
    const routes = routesBetween(routesBefore, await scrapeRoutes(platform.dispatcherMetricsUrl));
    say(`throughput: ${throughput.deliveriesPerSecond.toFixed(0)}/s, lost ${throughput.lost}`);

    say(`phase 2: latency at ${options.rate}/s`);
    const latency = await runLatency({
      ingestion: platform.ingestion,
      orgId: org.orgId,
      receiver: receiver,
      webhooks: options.webhooks,
      rate: options.rate,
      seconds: options.phaseSeconds,
      payloadBytes: options.payloadBytes,
    });
    say(`latency p50 ${latency.p50} ms p99 ${latency.p99} ms`);

    say('phase 3: raw baseline');
    const raw = await runRaw(receiver, options.payloadBytes, options.concurrency, options.rawSeconds);

    const report: BenchReport = {
      date: new Date().toISOString(),
      machine: machine(),
      options,
      throughput,
      latency,
      raw,
      platformOverRaw: throughput.deliveriesPerSecond / raw.perSecond,
      rateLimitCeiling: options.webhooks * WEBHOOK_RATE_LIMIT_RPS,
      firstAttemptRoutes: routes,
      processes: { throughput: diffSamples(before, after) },
    };
    const file = writeReport(report, options.out);
    process.stdout.write(toMarkdown(report));
    say(`results written to ${file}`);
    const lost = throughput.lost + latency.lost;
    if (lost > 0) say(`FAILED: ${lost} deliveries lost`);
    if (receiver.stats.verifyFailures > 0) say(`FAILED: ${receiver.stats.verifyFailures} signatures did not verify`);
    return lost > 0 || receiver.stats.verifyFailures > 0 ? 1 : 0;
  } finally {
    await receiver?.close();
    await platform.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    say(`failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
