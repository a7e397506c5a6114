import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, hostname, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions } from './options';
import { PROFILE_NAMES } from './profiles';
import type { RawBaseline } from './raw-baseline';
import type { ProfileResult } from './run-profile';

export interface BenchReport {
  date: string;
  machine: { host: string; cpus: number; cpuModel: string; memoryGiB: number; node: string };
  /** 1-minute load average before the raw baseline and after the last profile (how busy the machine was). */
  loadAverage: { start: number; end: number };
  options: BenchOptions;
  /** One raw baseline per event size among the profiles. */
  raw: RawBaseline[];
  /** One entry per profile, in the order run. */
  profiles: ProfileResult[];
}

const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

function summaryRow(p: ProfileResult, r: BenchReport): string {
  const t = p.throughput;
  const l = p.latency;
  const rows = p.deliveryRows ? `${p.deliveryRows.delivered}/${p.deliveryRows.total}` : 'n/a';
  const routes = p.firstAttemptRoutes ? `${p.firstAttemptRoutes.local} / ${p.firstAttemptRoutes.topic}` : 'n/a';
  return [
    `${p.profile.name}${p.backlog ? ` (+${p.backlog.rows} rows waiting for retry)` : ''}`,
    `${p.profile.orgs} × ${p.profile.webhooksPerOrg}, ${p.profile.payloadBytes} B`,
    `**${f(t.deliveriesPerSecond, 0)}**`,
    String(p.rateLimitCeiling),
    `**${f(p.platformOverRaw, 2)}**`,
    `${f(l.p50, 0)} / ${f(l.p99, 0)} / ${f(l.p999, 0)} (max ${f(l.max, 0)}, ${l.samples} samples${l.rate === r.options.rate ? '' : ` at ${l.rate}/s`})`,
    `${p.deliveriesExpected} / ${p.deliveriesReceived} / ${rows}`,
    `**${p.lost}**`,
    String(t.duplicates),
    routes,
  ].join(' | ');
}

/** PostgreSQL's writes per delivery: WAL, all rows, and the tables written most. */
function writeLines(r: BenchReport): string[] {
  const measured = r.profiles.filter((p) => p.writes);
  if (measured.length === 0) return [];
  const tables = [...new Set(measured.flatMap((p) => p.writes!.tables.map((t) => t.table)))];
  const cell = (p: ProfileResult, table: string) => {
    const t = p.writes!.tables.find((x) => x.table === table);
    return t ? `${f(t.inserted, 2)} / ${f(t.updated, 2)} (${f(t.hotUpdated, 2)}) / ${f(t.deleted, 2)}` : '';
  };
  return [
    '',
    'PostgreSQL writes per delivery over the throughput and latency phases (WAL from pg_stat_wal: the whole server; rows from pg_stat_user_tables: inserted / updated (of which HOT) / deleted):',
    '',
    `| per delivery | ${measured.map((p) => p.profile.name).join(' | ')} |`,
    `|---|${measured.map(() => '---|').join('')}`,
    `| WAL bytes | ${measured.map((p) => f(p.writes!.walBytesPerDelivery, 0)).join(' | ')} |`,
    `| WAL records | ${measured.map((p) => f(p.writes!.walRecordsPerDelivery, 2)).join(' | ')} |`,
    `| rows written | ${measured.map((p) => f(p.writes!.rowsPerDelivery, 2)).join(' | ')} |`,
    ...tables.map((table) => `| ${table} | ${measured.map((p) => cell(p, table)).join(' | ')} |`),
  ];
}

export function toMarkdown(r: BenchReport): string {
  const o = r.options;
  const names = [...new Set(r.profiles.flatMap((p) => p.processes.map((s) => s.name)))];
  const lines = [
    `## Hookline benchmark — ${r.date} on ${r.machine.host} (${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node})`,
    '',
    `${o.quick ? 'Quick run' : 'Full run'}: ${o.phaseSeconds} s phases, ${o.clients} publishing clients × PublishBatch(≤ ${o.batch}), latency at ${o.rate} deliveries/s${o.verify ? ', signatures verified' : ''}. ` +
      `Load average ${f(r.loadAverage.start, 1)} before, ${f(r.loadAverage.end, 1)} after.`,
    '',
    ...r.raw.map(
      (raw) =>
        `**Raw baseline**, ${raw.payloadBytes} B events (sign + POST loop and receiver as separate processes, ${raw.platformStopped ? 'platform stopped' : 'a running platform beside them'}, best of ${raw.runs.length}): ` +
        `**${f(raw.best.perSecond, 0)}/s** at ${raw.best.concurrency} connections (${raw.runs.map((x) => `${x.concurrency}: ${f(x.perSecond, 0)}/s`).join(', ')}; receiver answered ${raw.receiverRequests}).`,
    ),
    '',
    '| profile | orgs × webhooks, event size | deliveries/s | rate-limit ceiling | platform ÷ raw | latency p50 / p99 / p99.9 ms | expected / received / rows delivered of rows | lost | duplicates | first attempts in process / via topic |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...r.profiles.map((p) => `| ${summaryRow(p, r)} |`),
    '',
    'CPU ms per delivery over the throughput phase · peak RSS MiB over the profile, per process group:',
    '',
    `| process | ${r.profiles.map((p) => p.profile.name).join(' | ')} |`,
    `|---|${r.profiles.map(() => '---|').join('')}`,
    ...names.map((name) => {
      const cells = r.profiles.map((p) => {
        const s = p.processes.find((x) => x.name === name);
        return s ? `${f((s.cpuSeconds * 1000) / Math.max(1, p.throughput.deliveriesReceived), 3)} · ${f(s.peakRssMiB, 0)}` : '';
      });
      return `| ${name} | ${cells.join(' | ')} |`;
    }),
    '',
    'Latency phase, hop by hop (first attempts; p50 / p99 ms; "fetched" from the dispatcher\'s histogram: bucket upper bounds):',
    '',
    `| hop | ${r.profiles.map((p) => p.profile.name).join(' | ')} |`,
    `|---|${r.profiles.map(() => '---|').join('')}`,
    ...[...new Set(r.profiles.flatMap((p) => (p.hops ?? []).map((h) => h.hop)))].map((hop) => {
      const cells = r.profiles.map((p) => {
        const h = (p.hops ?? []).find((x) => x.hop === hop);
        return h ? `${h.bucketed ? '≤ ' : ''}${f(h.p50, 0)} / ${h.bucketed ? '≤ ' : ''}${f(h.p99, 0)}` : '';
      });
      return `| ${hop} | ${cells.join(' | ')} |`;
    }),
    ...writeLines(r),
  ];
  return lines.join('\n') + '\n';
}

export function writeReport(report: BenchReport, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  // Quick runs and other selections get their own file: a smoke test must not overwrite the
  // full run of the day.
  const names = report.profiles.map((p) => p.profile.name);
  const everyProfile = names.join('+') === PROFILE_NAMES.join('+');
  const variant = `${everyProfile ? '' : `-${names.join('+')}`}${report.options.quick ? '-quick' : ''}`;
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

export const loadAverage = () => loadavg()[0];
