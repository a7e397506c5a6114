// CI: every Kubernetes manifest under deploy/k8s, rendered as `kubectl kustomize` would render
// the base and each overlay, validated against the Kubernetes API schemas (kubernetes-models,
// generated from the Kubernetes OpenAPI spec; no cluster, no binary), plus the rules Hookline
// relies on: headless gRPC Services, probes, a NetworkPolicy and a PodDisruptionBudget per
// Deployment. Also checks deploy/docker-compose.yml keeps healthchecks, restart policies and
// named volumes for PostgreSQL and Kafka.
//
// No kustomize binary is available here, so the renderer below implements the subset the
// kustomizations use (resources, namespace, images, replicas, strategic-merge patches) and
// refuses any other field rather than ignore it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';

const root = new URL('../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'replicas', 'patches']);
const failures = [];
const fail = (message) => failures.push(message);

function readDocuments(file) {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => doc.toJS())
    .filter(Boolean)
    .map((object) => ({ object, source: relative(root, file) }));
}

/** The resources a kustomization directory renders to. */
function render(dir) {
  const file = join(dir, 'kustomization.yaml');
  const kustomization = parse(readFileSync(file, 'utf8'));
  for (const key of Object.keys(kustomization)) if (!SUPPORTED.has(key)) throw new Error(`${relative(root, file)}: field "${key}" is not supported by this check`);
  let resources = [];
  for (const entry of kustomization.resources ?? []) {
    const path = join(dir, entry);
    resources.push(...(statSync(path).isDirectory() ? render(path) : readDocuments(path)));
  }
  resources = resources.map(({ object, source }) => ({ object: structuredClone(object), source }));
  for (const patchEntry of kustomization.patches ?? []) {
    for (const { object: patch } of readDocuments(join(dir, patchEntry.path))) {
      const target = resources.find(({ object }) => object.kind === patch.kind && object.metadata?.name === patch.metadata?.name);
      if (!target) throw new Error(`${relative(root, file)}: patch ${patchEntry.path} matches no resource`);
      target.object = merge(target.object, patch);
    }
  }
  for (const { name, count } of kustomization.replicas ?? []) {
    const target = resources.find(({ object }) => object.kind === 'Deployment' && object.metadata.name === name);
    if (!target) throw new Error(`${relative(root, file)}: replicas for unknown Deployment ${name}`);
    target.object.spec.replicas = count;
  }
  for (const image of kustomization.images ?? []) {
    let used = false;
    for (const { object } of resources) {
      for (const container of object.spec?.template?.spec?.containers ?? []) {
        const [name] = container.image.split(':');
        if (name !== image.name) continue;
        used = true;
        container.image = `${image.newName ?? name}:${image.newTag}`;
      }
    }
    if (!used) throw new Error(`${relative(root, file)}: image ${image.name} is used by no container`);
  }
  if (kustomization.namespace) for (const { object } of resources) object.metadata.namespace = kustomization.namespace;
  return resources;
}

/** Strategic merge as far as these patches need it: maps deep, lists of named items by name. */
function merge(base, patch) {
  if (Array.isArray(base) && Array.isArray(patch) && patch.every((item) => item?.name)) {
    const out = base.map((item) => structuredClone(item));
    for (const item of patch) {
      const index = out.findIndex((existing) => existing.name === item.name);
      if (index >= 0) out[index] = merge(out[index], item);
      else out.push(item);
    }
    return out;
  }
  if (base && patch && typeof base === 'object' && typeof patch === 'object' && !Array.isArray(base) && !Array.isArray(patch)) {
    const out = { ...base };
    for (const [key, value] of Object.entries(patch)) out[key] = key in base ? merge(base[key], value) : value;
    return out;
  }
  return patch;
}

/** Validates one object against its Kubernetes schema. */
function validate({ object, source }) {
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
  }
}

const kustomizations = [];
const walk = (dir) => {
  if (existsSync(join(dir, 'kustomization.yaml'))) kustomizations.push(dir);
  for (const entry of readdirSync(dir)) if (statSync(join(dir, entry)).isDirectory()) walk(join(dir, entry));
};
walk(join(root, 'deploy/k8s'));
let count = 0;
for (const dir of kustomizations) {
  const name = relative(root, dir);
  const resources = render(dir);
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

if (failures.length) {
  for (const failure of failures) process.stdout.write(`[k8s] FAILED: ${failure}\n`);
  process.exit(1);
}
process.stdout.write(`[k8s] ${count} rendered resources and the Secret template match the Kubernetes schemas; compose file checked\n`);
