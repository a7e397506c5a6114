import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, hostname, totalmem } from 'node:os';
import { join } from 'node:path';
import type { RouteCounts } from './dispatcher-metrics';
import type { ProcessSample } from './process-stats';
import type { LatencyResult, ThroughputResult } from './phases';
import type { RawResult } from './raw-baseline';
import type { BenchOptions } from './options';

export interface BenchReport {
  date: string;
  machine: { host: string; cpus: number; cpuModel: string; memoryGiB: number; node: string };
  options: BenchOptions;
  throughput: ThroughputResult;
  latency: LatencyResult;
  raw: RawResult;
  platformOverRaw: number;
  /** webhooks × their rate limit: no run can exceed it. */
  rateLimitCeiling: number;
  /** First attempts in the throughput phase handed to the sender in process vs produced to the deliveries topic. */
  firstAttemptRoutes: RouteCounts | null;
  processes: { throughput: ProcessSample[] };
}

const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

export function toMarkdown(r: BenchReport): string {
  const t = r.throughput;
  const l = r.latency;
  const lines = [
    `## Hookline benchmark — ${r.date} on ${r.machine.host} (${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node})`,
    '',
    `${r.options.webhooks} webhooks, ${r.options.clients} publishing clients × PublishBatch(${r.options.batch}), ~${r.options.payloadBytes} B events${r.options.verify ? ', signatures verified' : ''}.`,
    '',
    '| phase | figure | value |',
    '|---|---|---|',
    `| throughput | sustained deliveries/s (${f(t.seconds, 0)} s) | **${f(t.deliveriesPerSecond, 0)}** |`,
    `| throughput | deliveries expected / received / lost / duplicates | ${t.deliveriesExpected} / ${t.deliveriesReceived} / ${t.lost} / ${t.duplicates} |`,
    `| throughput | ceiling set by rate limits (${r.options.webhooks} webhooks × their limit) | ${r.rateLimitCeiling} |`,
    ...(r.firstAttemptRoutes
      ? [`| throughput | first attempts handed over in process / via the deliveries topic | ${r.firstAttemptRoutes.local} / ${r.firstAttemptRoutes.topic} |`]
      : []),
    `| latency @ ${l.rate}/s | p50 / p90 / p99 / p99.9 / max (ms) | ${f(l.p50)} / ${f(l.p90)} / ${f(l.p99)} / ${f(l.p999)} / ${f(l.max)} |`,
    `| latency @ ${l.rate}/s | samples / lost / near 5 s fetch wait | ${l.samples} / ${l.lost} / ${l.nearFetchWait} |`,
    `| raw baseline | sign + POST/s at concurrency ${r.options.concurrency} | ${f(r.raw.perSecond, 0)} |`,
    `| ratio | platform ÷ raw | **${f(r.platformOverRaw, 3)}** |`,
    '',
    '| process | CPU s (throughput phase) | CPU ms / delivery | peak RSS MiB |',
    '|---|---|---|---|',
    ...r.processes.throughput.map(
      (p) => `| ${p.name} | ${f(p.cpuSeconds)} | ${f((p.cpuSeconds * 1000) / Math.max(1, t.deliveriesReceived), 3)} | ${f(p.peakRssMiB, 0)} |`,
    ),
  ];
  return lines.join('\n') + '\n';
}

export function writeReport(report: BenchReport, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  // Quick runs and non-default webhook counts get their own file: a smoke test must not
  // overwrite the full run of the day.
  const variant = `${report.options.webhooks === 50 ? '' : `-${report.options.webhooks}wh`}${report.options.quick ? '-quick' : ''}`;
  const file = join(outDir, `${report.date.slice(0, 10)}-${report.machine.host}${variant}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  return file;
}

export function machine() {
  return {
    host: hostname(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.versions.node,
  };
}
