// `npm run bench`: end-to-end throughput and latency of Hookline in each traffic profile,
// beside a raw sign-and-POST baseline measured first, with the platform stopped. See
// tools/bench/README.md.
import { parseOptions } from './options';
import { startPlatform } from './platform';
import { measureRawBaseline, type RawBaseline } from './raw-baseline';
import { startReceiver } from './receiver';
import { loadAverage, machine, toMarkdown, writeReport, type BenchReport } from './report';
import { runProfile, type ProfileResult } from './run-profile';

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const date = new Date().toISOString();
  const loadAtStart = loadAverage();
  say(`profiles: ${options.profiles.map((p) => `${p.name} (${p.orgs} × ${p.webhooksPerOrg}, ${p.payloadBytes} B)`).join(', ')}`);

  // 1. The ceiling of this machine, before anything of the platform runs (with --gateway the
  // running platform idles beside it, and the report says so).
  // One baseline per event size among the profiles (the default profiles share one).
  const raw: RawBaseline[] = [];
  for (const payloadBytes of new Set(options.profiles.map((p) => p.payloadBytes))) {
    say(`raw baseline, ${payloadBytes} B events: ${options.concurrency.join(', ')} connections × ${options.rawSeconds} s`);
    raw.push(await measureRawBaseline({ payloadBytes, concurrency: options.concurrency, seconds: options.rawSeconds, platformStopped: !options.gateway }));
    say(`raw baseline, ${payloadBytes} B events: ${raw.at(-1)!.best.perSecond.toFixed(0)}/s at ${raw.at(-1)!.best.concurrency} connections`);
  }

  // 2. The platform and the receiver, shared by every profile (each profile has its own organizations).
  const platform = await startPlatform(options);
  let receiver;
  const profiles: ProfileResult[] = [];
  try {
    receiver = await startReceiver();
    for (const profile of options.profiles) {
      const rawPerSecond = raw.find((r) => r.payloadBytes === profile.payloadBytes)!.best.perSecond;
      profiles.push(await runProfile({ platform, receiver, profile, options, rawPerSecond, say }));
    }
  } finally {
    await receiver?.close();
    await platform.stop();
  }

  const report: BenchReport = { date, machine: machine(), loadAverage: { start: loadAtStart, end: loadAverage() }, options, raw, profiles };
  const file = writeReport(report, options.out);
  process.stdout.write(toMarkdown(report));
  say(`results written to ${file}`);
  let failed = false;
  for (const p of profiles) {
    if (p.lost > 0) {
      say(`FAILED: ${p.profile.name}: ${p.lost} deliveries lost`);
      failed = true;
    }
    if (p.verifyFailures > 0) {
      say(`FAILED: ${p.profile.name}: ${p.verifyFailures} signatures did not verify`);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    say(`failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
