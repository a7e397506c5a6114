import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { ApiErrors } from './load';

export interface ScenarioResult {
  scenario: string;
  run: number;
  /** What must hold for the scenario to pass. */
  passCondition: string;
  passed: boolean;
  /** Why it failed (empty when it passed). */
  failures: string[];
  acknowledgedEvents: number;
  expected: number;
  received: number;
  lost: number;
  duplicated: number;
  duplicatedWithNewId: number;
  apiErrors: ApiErrors;
  /** Seconds from the end of each fault to the first delivery of an event published after it. */
  recoverySeconds: (number | null)[];
  /** Scenario-specific figures (topic end offsets, readiness times, …). */
  details: Record<string, unknown>;
}

export interface ChaosReport {
  date: string;
  quick: boolean;
  machine: { cpus: number; node: string };
  ratePerSecond: number;
  webhooks: number;
  results: ScenarioResult[];
}

const f = (n: number | null) => (n === null ? 'n/a' : n.toFixed(1));

export function toMarkdown(report: ChaosReport): string {
  const lines = [
    `# Chaos run ${report.date}${report.quick ? ' (quick)' : ''}`,
    '',
    `${report.ratePerSecond} events/s (half REST, half gRPC) to ${report.webhooks} webhooks; ${report.machine.cpus} CPUs, Node ${report.machine.node}.`,
    '',
    '| scenario | run | result | acked events | deliveries expected | received | lost | duplicated | API errors (REST 5xx / no answer / gRPC) | recovery (s) |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of report.results) {
    const e = r.apiErrors;
    lines.push(
      `| ${r.scenario} | ${r.run} | ${r.passed ? 'pass' : '**FAIL**'} | ${r.acknowledgedEvents} | ${r.expected} | ${r.received} | ${r.lost} | ${r.duplicated}${r.duplicatedWithNewId ? ` (+${r.duplicatedWithNewId} new id)` : ''} | ${e.rest5xx} / ${e.restNoAnswer} / ${e.grpc} | ${r.recoverySeconds.map(f).join(', ')} |`,
    );
  }
  const failed = report.results.filter((r) => !r.passed);
  if (failed.length > 0) {
    lines.push('', '## Failures', '');
    for (const r of failed) lines.push(`- **${r.scenario}** (run ${r.run}): ${r.failures.join('; ')}`);
  }
  lines.push('', '## Pass conditions', '');
  for (const name of [...new Set(report.results.map((r) => r.scenario))]) {
    lines.push(`- **${name}**: ${report.results.find((r) => r.scenario === name)!.passCondition}`);
  }
  return `${lines.join('\n')}\n`;
}

export function writeReport(report: ChaosReport, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const stamp = report.date.replace(/[:.]/g, '-');
  const file = join(dir, `chaos-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, `chaos-${stamp}.md`), toMarkdown(report));
  return file;
}

export const machine = () => ({ cpus: cpus().length, node: process.version });
