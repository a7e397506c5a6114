// CI: every Kubernetes manifest under deploy/k8s, rendered by `kubectl kustomize` (the base, each
// overlay, and the base with each component alone), validated against the Kubernetes API schemas
// (kubernetes-models, generated from the Kubernetes OpenAPI spec; no cluster), plus the rules
// Hookline relies on: headless gRPC Services, probes, a NetworkPolicy and a PodDisruptionBudget per
// Deployment, an ops port on every Service, HPAs within their topics' partitions. The Prometheus
// Operator's ServiceMonitor and PrometheusRule have no schema there: their required fields are
// checked here. Also checks deploy/docker-compose.yml keeps healthchecks, restart policies and
// named volumes for PostgreSQL and Kafka, and its managed-services override.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';

const root = new URL('../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const failures = [];
const fail = (message) => failures.push(message);
const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

function readDocuments(file) {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => doc.toJS())
    .filter(Boolean)
    .map((object) => ({ object, source: relative(root, file) }));
}

/** The resources a kustomization directory renders to, as `kubectl kustomize` renders them. */
function render(dir) {
  const output = execFileSync(KUBECTL, ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return parseAllDocuments(output)
    .map((doc) => doc.toJS())
    .filter(Boolean)
    .map((object) => ({ object, source: `${relative(root, dir)} → ${object.kind} ${object.metadata?.name}` }));
}

/** The base with one component alone, rendered from a temporary kustomization beside them (kustomize takes relative paths only). */
function renderComponent(componentDir) {
  const dir = mkdtempSync(join(root, 'deploy/k8s/.render-'));
  try {
    writeFileSync(
      join(dir, 'kustomization.yaml'),
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../base]\ncomponents: [${relative(dir, componentDir)}]\n`,
    );
    return render(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prometheus Operator objects: the fields the operator needs (no OpenAPI schema in kubernetes-models). */
const CUSTOM = {
  'monitoring.coreos.com/v1 ServiceMonitor': (o) =>
    o.spec?.selector?.matchLabels && Array.isArray(o.spec?.endpoints) && o.spec.endpoints.every((e) => typeof e.port === 'string' && (e.path ?? '/metrics').startsWith('/')),
  'monitoring.coreos.com/v1 PrometheusRule': (o) =>
    Array.isArray(o.spec?.groups) && o.spec.groups.every((g) => g.name && g.rules.every((r) => (r.record || r.alert) && typeof r.expr === 'string')),
};

/** Validates one object against its Kubernetes schema. */
function validate({ object, source }) {
  const custom = CUSTOM[`${object.apiVersion} ${object.kind}`];
  if (custom) return custom(object) ? undefined : fail(`${source}: ${object.kind} lacks the fields the Prometheus Operator needs`);
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : [null, object.apiVersion];
  const modulePath = group ? `kubernetes-models/${group}/${version}/${object.kind}` : `kubernetes-models/${version}/${object.kind}`;
  let Model;
  try {
    Model = require(modulePath)[object.kind];
  } catch {
    return fail(`${source}: no schema for ${object.apiVersion} ${object.kind}`);
  }
  try {
    new Model(object).validate();
  } catch (error) {
    fail(`${source}: ${object.kind} ${object.metadata?.name}: ${error.message}`);
  }
}

/** What Hookline's deployment relies on beyond the schema. */
function checkRules(name, resources) {
  const objects = resources.map((r) => r.object);
  const selects = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
  for (const deployment of objects.filter((o) => o.kind === 'Deployment')) {
    const labels = deployment.spec.template.metadata.labels;
    const id = `${name}: Deployment ${deployment.metadata.name}`;
    for (const container of deployment.spec.template.spec.containers) {
      if (!container.readinessProbe || !container.livenessProbe) fail(`${id}: container ${container.name} needs readiness and liveness probes`);
      if (container.readinessProbe?.httpGet?.path !== '/readyz') fail(`${id}: readiness must be the service's own /readyz`);
    }
    if (!deployment.spec.template.spec.securityContext?.runAsNonRoot) fail(`${id}: must run as non-root`);
    if (!objects.some((o) => o.kind === 'PodDisruptionBudget' && selects(o.spec.selector.matchLabels, labels))) fail(`${id}: no PodDisruptionBudget`);
    if (!objects.some((o) => o.kind === 'NetworkPolicy' && selects(o.spec.podSelector.matchLabels, labels))) fail(`${id}: no NetworkPolicy`);
  }
  for (const service of objects.filter((o) => o.kind === 'Service')) {
    const grpc = service.spec.ports.some((p) => p.name === 'grpc');
    if (grpc && service.spec.clusterIP !== 'None') fail(`${name}: Service ${service.metadata.name} carries gRPC and must be headless (clusterIP: None) for client-side balancing`);
    // The ServiceMonitor scrapes the port named `ops` of every Service.
    if (!service.spec.ports.some((p) => p.name === 'ops')) fail(`${name}: Service ${service.metadata.name} has no port named ops (/metrics)`);
  }
  for (const ingress of objects.filter((o) => o.kind === 'Ingress')) {
    for (const rule of ingress.spec.rules ?? []) {
      for (const path of rule.http?.paths ?? []) if (path.backend.service?.port?.name !== 'http') fail(`${name}: Ingress ${ingress.metadata.name} must reach only the gateway's public port (http), never ops`);
    }
    if (!ingress.spec.tls?.length) fail(`${name}: Ingress ${ingress.metadata.name} has no TLS`);
  }
  // A consumer group gives no partition to members past the topic's partition count.
  const partitions = { dispatcher: 12, audit: 6 };
  for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
    const target = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === hpa.spec.scaleTargetRef.name);
    if (!target) fail(`${name}: HPA ${hpa.metadata.name} scales no Deployment of this deployment`);
    const service = target?.metadata.labels?.['app.kubernetes.io/name'];
    if (partitions[service] && hpa.spec.maxReplicas > partitions[service]) fail(`${name}: HPA ${hpa.metadata.name} may scale past the ${partitions[service]} partitions its consumers share`);
  }
  const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'hookline');
  if (objects.some((o) => o.kind === 'Ingress') && !/^https:\/\//.test(config?.data?.HOOKLINE_PUBLIC_URL ?? '')) fail(`${name}: behind an ingress, HOOKLINE_PUBLIC_URL must be the https URL clients use`);
}

const kustomizations = [];
const walk = (dir) => {
  if (existsSync(join(dir, 'kustomization.yaml'))) kustomizations.push(dir);
  for (const entry of readdirSync(dir)) if (statSync(join(dir, entry)).isDirectory()) walk(join(dir, entry));
};
walk(join(root, 'deploy/k8s'));
let count = 0;
const components = readdirSync(join(root, 'deploy/k8s/components')).map((entry) => join(root, 'deploy/k8s/components', entry));
const renderings = [
  ...kustomizations.filter((dir) => !components.includes(dir)).map((dir) => [relative(root, dir), () => render(dir)]),
  ...components.map((dir) => [`deploy/k8s/base + ${relative(root, dir)}`, () => renderComponent(dir)]),
];
for (const [name, renderIt] of renderings) {
  const resources = renderIt();
  resources.forEach(validate);
  checkRules(name, resources);
  count += resources.length;
  process.stdout.write(`[k8s] ${name}: ${resources.length} resources rendered and validated\n`);
}
for (const document of readDocuments(join(root, 'deploy/k8s/secret-template.yaml'))) validate(document);

const compose = parse(readFileSync(join(root, 'deploy/docker-compose.yml'), 'utf8'));
for (const [service, spec] of Object.entries(compose.services)) {
  if (!spec.healthcheck) fail(`docker-compose.yml: ${service} has no healthcheck`);
  if (!spec.restart) fail(`docker-compose.yml: ${service} has no restart policy`);
}
for (const [service, path] of [['postgres', '/var/lib/postgresql/data'], ['kafka', '/var/lib/kafka/data']]) {
  const volume = (compose.services[service]?.volumes ?? []).map(String).find((v) => v.endsWith(`:${path}`));
  const volumeName = volume?.split(':')[0];
  if (!volumeName || !(volumeName in (compose.volumes ?? {}))) fail(`docker-compose.yml: ${service} must keep ${path} in a named volume`);
}
// The managed-services override: every Hookline service gets the TLS/SASL settings and CA files.
const managed = parse(readFileSync(join(root, 'deploy/docker-compose.managed.yml'), 'utf8'), { merge: true });
for (const [service, spec] of Object.entries(managed.services)) {
  if (!spec.healthcheck) fail(`docker-compose.managed.yml: ${service} has no healthcheck`);
  if (!spec.restart) fail(`docker-compose.managed.yml: ${service} has no restart policy`);
}
for (const service of ['registry', 'ingestion', 'dispatcher', 'audit', 'gateway']) {
  const spec = managed.services?.[service];
  const env = spec?.environment ?? {};
  for (const key of ['KAFKA_SSL', 'KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_SSL_CA_FILE', 'DATABASE_URL', 'DATABASE_SSL_CA_FILE', 'DATABASE_POOL_SIZE']) {
    if (!(key in env)) fail(`docker-compose.managed.yml: ${service} does not set ${key}`);
  }
  if (!/sslmode=verify-full/.test(String(env.DATABASE_URL ?? ''))) fail(`docker-compose.managed.yml: ${service}'s DATABASE_URL must ask for sslmode=verify-full`);
}

if (failures.length) {
  for (const failure of failures) process.stdout.write(`[k8s] FAILED: ${failure}\n`);
  process.exit(1);
}
process.stdout.write(`[k8s] ${count} rendered resources and the Secret template match the Kubernetes schemas; compose file checked\n`);
