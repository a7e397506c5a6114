// CI for what operators load into Prometheus and Grafana (deploy/prometheus, deploy/grafana):
//   node tools/ci/observability.mjs           promtool check rules, promtool test rules, the
//                                              PrometheusRule of the monitoring component matches
//                                              rules.yaml, and the Grafana dashboard is well formed
//   node tools/ci/observability.mjs --write   regenerates that PrometheusRule from rules.yaml
// tools/ci/image-trees.mjs calls checkScrapes() with the /metrics of every running service:
// promtool check metrics on each, and every metric the rules and the dashboard use exists.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { runPromtool } from './promtool.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const rulesFile = join(root, 'deploy/prometheus/rules.yaml');
const ruleTestsFile = join(root, 'deploy/prometheus/rules.test.yaml');
const dashboardFile = join(root, 'deploy/grafana/hookline.json');
const prometheusRuleFile = join(root, 'deploy/k8s/components/monitoring/prometheus-rule.yaml');
const say = (line) => process.stdout.write(`[observability] ${line}\n`);

/** The PrometheusRule (Prometheus Operator) holding exactly the groups of rules.yaml. */
function prometheusRule() {
  const { groups } = parse(readFileSync(rulesFile, 'utf8'));
  const header = '# Generated from deploy/prometheus/rules.yaml by `node tools/ci/observability.mjs --write`; edit that file.\n';
  const object = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'hookline', labels: { 'app.kubernetes.io/part-of': 'hookline' } }, spec: { groups } };
  return header + stringify(object, { lineWidth: 0 });
}

/** Every PromQL expression of the rules and the dashboard. */
function expressions() {
  const { groups } = parse(readFileSync(rulesFile, 'utf8'));
  const dashboard = JSON.parse(readFileSync(dashboardFile, 'utf8'));
  return [...groups.flatMap((group) => group.rules.map((rule) => rule.expr)), ...dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr))];
}

/** The Hookline metric names those expressions read (recording rules' own names excluded). */
export function referencedMetrics() {
  const names = new Set();
  for (const expr of expressions()) for (const [name] of String(expr).matchAll(/(?<![:\w])hookline_[a-z0-9_]+(?![:\w])/g)) names.add(name);
  return [...names].sort();
}

/** The dashboard loads in Grafana: the fields it needs, unique panel ids, a query per target. */
function checkDashboard() {
  const failures = [];
  const dashboard = JSON.parse(readFileSync(dashboardFile, 'utf8'));
  for (const field of ['title', 'uid', 'schemaVersion', 'panels', 'templating']) if (!(field in dashboard)) failures.push(`dashboard: no "${field}"`);
  const ids = new Set();
  for (const panel of dashboard.panels ?? []) {
    const id = `panel ${panel.id} "${panel.title}"`;
    if (!Number.isInteger(panel.id) || ids.has(panel.id)) failures.push(`${id}: id missing or repeated`);
    ids.add(panel.id);
    if (typeof panel.type !== 'string' || typeof panel.title !== 'string') failures.push(`${id}: type and title are required`);
    const { x, y, w, h } = panel.gridPos ?? {};
    if (![x, y, w, h].every(Number.isInteger) || x + w > 24) failures.push(`${id}: gridPos must be integers within 24 columns`);
    if (!Array.isArray(panel.targets) || panel.targets.length === 0) failures.push(`${id}: no query`);
    for (const target of panel.targets ?? []) if (typeof target.expr !== 'string' || !target.refId) failures.push(`${id}: a target without expr or refId`);
  }
  const variables = (dashboard.templating?.list ?? []).map((v) => v.name);
  for (const panel of dashboard.panels ?? []) {
    const uid = panel.datasource?.uid;
    if (uid?.startsWith('${') && !variables.includes(uid.slice(2, -1))) failures.push(`panel ${panel.id}: datasource variable ${uid} is not defined`);
  }
  return failures;
}

/** Static checks (no running service). */
export function checkStatic() {
  const failures = [];
  for (const [args, what] of [
    [['check', 'rules', rulesFile], 'promtool check rules'],
    [['test', 'rules', ruleTestsFile], 'promtool test rules'],
  ]) {
    const { status, output } = runPromtool(args);
    if (status !== 0) failures.push(`${what}:\n${output}`);
    else say(`${what}: ${output.trim().split('\n').pop().trim()}`);
  }
  if (readFileSync(prometheusRuleFile, 'utf8') !== prometheusRule()) failures.push(`${prometheusRuleFile} differs from rules.yaml: run node tools/ci/observability.mjs --write`);
  failures.push(...checkDashboard());
  return failures;
}

/**
 * Checks the live expositions (service → /metrics body): each is promtool-clean, and together
 * they define every metric the rules and the dashboard read.
 */
export function checkScrapes(expositions) {
  const failures = [];
  const defined = new Set();
  for (const [service, body] of Object.entries(expositions)) {
    const { status, output } = runPromtool(['check', 'metrics'], body);
    if (status !== 0) failures.push(`promtool check metrics on ${service}'s /metrics:\n${output}`);
    for (const [, name, type] of body.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
      defined.add(name);
      if (type === 'histogram' || type === 'summary') for (const suffix of ['_bucket', '_count', '_sum']) defined.add(name + suffix);
    }
  }
  const missing = referencedMetrics().filter((name) => !defined.has(name));
  if (missing.length) failures.push(`the rules or the dashboard read metrics no service exports: ${missing.join(', ')}`);
  return failures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--write')) {
    writeFileSync(prometheusRuleFile, prometheusRule());
    say(`wrote ${prometheusRuleFile}`);
  } else {
    const failures = checkStatic();
    for (const failure of failures) say(`FAILED: ${failure}`);
    if (failures.length) process.exit(1);
    say(`rules, rule tests, PrometheusRule and dashboard checked; they read ${referencedMetrics().length} Hookline metrics (checked against a live scrape by image-trees.mjs)`);
  }
}
