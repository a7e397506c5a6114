// CI without a Docker daemon: runs the Dockerfiles' build stage by hand — the same inputs copied
// into a temporary folder, `npm ci`, tools/build/service-image.mjs per service — reports each
// image tree's size, then starts the five services from those trees alone (no repository, no
// tsx; reusing the running Kafka and PostgreSQL, free ports) until the gateway is ready with
// every backing service and serves /docs, the dashboard and the portal. Then it scrapes every
// service's /metrics (ops ports): promtool-clean, and defining every metric the alert rules and
// the Grafana dashboard read (tools/ci/observability.mjs).
import { randomBytes } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkScrapes } from './observability.mjs';
import { localBroker, provisionKafkaAccess, serviceKafkaEnv } from '../stack/kafka-access.mjs';

const root = new URL('../..', import.meta.url).pathname;
const SERVICES = ['registry', 'ingestion', 'dispatcher', 'audit', 'gateway'];
const say = (line) => process.stdout.write(`[image-trees] ${line}\n`);

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** The compiled dashboard: `/` and `/portal` answer its page, and an asset that page loads answers 200. */
async function checkDashboard(base) {
  const pages = {};
  for (const path of ['/', '/portal']) {
    const response = await fetch(`${base}${path}`, { headers: { accept: 'text/html' } });
    pages[path] = await response.text();
    if (response.status !== 200 || !pages[path].includes('<div id=')) throw new Error(`GET ${path} answered ${response.status} without the dashboard's page from the gateway's image tree`);
  }
  const asset = /(?:src|href)="(\/assets\/[\w.-]+\.js)"/.exec(pages['/'])?.[1];
  if (!asset) throw new Error("the dashboard's page names no /assets/*.js script");
  const status = await fetch(`${base}${asset}`).then((r) => r.status);
  if (status !== 200) throw new Error(`GET ${asset} answered ${status} from the gateway's image tree`);
}

const dir = mkdtempSync(join(tmpdir(), 'hookline-images-'));
const children = [];
let failed = false;
try {
  // Stage 1 of every Dockerfile: COPY package.json package-lock.json tsconfig.base.json apps libs
  // tools/build (and the gateway's tools/dashboard); npm ci; build.
  const src = join(dir, 'src');
  for (const path of ['package.json', 'package-lock.json', 'tsconfig.base.json', 'apps', 'libs', 'tools/build', 'tools/dashboard']) {
    cpSync(join(root, path), join(src, path), { recursive: true, filter: (p) => !p.includes('/node_modules') && !p.includes('/dist/') });
  }
  say('npm ci in the build folder');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline', '--loglevel=error'], { cwd: src, stdio: ['ignore', 'ignore', 'inherit'] });
  const sizes = [];
  for (const service of SERVICES) {
    const image = join(dir, 'images', service);
    execFileSync(process.execPath, [join(src, 'tools/build/service-image.mjs'), service, image], { stdio: 'inherit' });
    const [kib] = execFileSync('du', ['-sk', image], { encoding: 'utf8' }).split('\t');
    const [modules] = execFileSync('du', ['-sk', join(image, 'node_modules')], { encoding: 'utf8' }).split('\t');
    sizes.push(`| ${service} | ${(kib / 1024).toFixed(1)} MiB | ${(modules / 1024).toFixed(1)} MiB |`);
  }
  rmSync(src, { recursive: true, force: true });
  process.stdout.write(['', '| image tree (/app) | total | node_modules |', '|---|---|---|', ...sizes, ''].join('\n') + '\n');

  // Stage 2: run each tree as its image's CMD would.
  const run = `img${process.pid}`;
  // The local broker (tools/kafka, up already): each service signs in as itself, granted this run's topics.
  const broker = localBroker();
  provisionKafkaAccess(broker, `img${process.pid}.`);
  const env = { ...process.env, KAFKA_BROKERS: broker.brokers, HOOKLINE_KAFKA_CREDENTIALS: broker.credentialsFile, DATABASE_URL: `postgres://postgres@127.0.0.1:5432/hookline_${run}`, HOOKLINE_TOPIC_PREFIX: `${run}.`, HOOKLINE_OPERATOR_KEY: 'o'.repeat(32), HOOKLINE_MASTER_KEY: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn', NODE_ENV: 'production' };
  delete env.NODE_OPTIONS;
  // Mutual TLS as in the images (HOOKLINE_TLS_DIR): a CA and service certificates of this run's own.
  const tlsDir = join(dir, 'certs');
  execFileSync('sh', [join(root, 'tools/certs/certs.sh'), 'ensure', tlsDir], { stdio: ['ignore', 'ignore', 'inherit'] });
  env.HOOKLINE_TLS_DIR = tlsDir;
  const gatewayPort = await freePort();
  env.HOOKLINE_GATEWAY_PORT = String(gatewayPort);
  env.HOOKLINE_GATEWAY_OPS_PORT = String(await freePort());
  for (const service of SERVICES.slice(0, 4)) {
    const port = await freePort();
    Object.assign(env, { [`HOOKLINE_${service.toUpperCase()}_PORT`]: String(port), [`HOOKLINE_${service.toUpperCase()}_ADDR`]: `127.0.0.1:${port}`, [`HOOKLINE_${service.toUpperCase()}_OPS_PORT`]: String(await freePort()) });
  }
  for (const service of SERVICES) {
    const child = spawn(process.execPath, ['--max-semi-space-size=64', '--enable-source-maps', 'main.js'], { cwd: join(dir, 'images', service), env: serviceKafkaEnv(service, env), stdio: ['ignore', 'inherit', 'inherit'] });
    children.push(child);
    child.on('exit', (code) => {
      if (code !== null && code !== 0) say(`${service} exited with ${code}`);
    });
  }
  const base = `http://127.0.0.1:${gatewayPort}`;
  const deadline = Date.now() + 300_000;
  let ready = false;
  while (!ready && Date.now() < deadline) {
    ready = await fetch(`${base}/readyz?all=true`).then((r) => r.status === 200, () => false);
    if (!ready) await new Promise((r) => setTimeout(r, 500));
  }
  if (!ready) throw new Error('the services started from their image trees did not become ready within 300 s');
  for (const path of ['/docs', '/docs/assets/swagger-ui-bundle.js', '/openapi.json']) {
    const status = await fetch(`${base}${path}`).then((r) => r.status);
    if (status !== 200) throw new Error(`GET ${path} answered ${status} from the gateway's image tree`);
  }
  await checkDashboard(base);
  say('every service ran from its image tree; the gateway is ready and serves /docs, the dashboard and the portal');
  // The public port does not serve /metrics; every ops port does.
  const publicMetrics = await fetch(`${base}/metrics`).then((r) => r.status);
  if (publicMetrics !== 404) throw new Error(`GET /metrics on the gateway's public port answered ${publicMetrics}, not 404`);
  const expositions = {};
  for (const service of SERVICES) {
    const response = await fetch(`http://127.0.0.1:${env[`HOOKLINE_${service.toUpperCase()}_OPS_PORT`]}/metrics`);
    if (response.status !== 200) throw new Error(`GET /metrics on ${service}'s ops port answered ${response.status}`);
    expositions[service] = await response.text();
  }
  const failures = checkScrapes(expositions);
  if (failures.length) throw new Error(failures.join('\n'));
  say('every service\'s /metrics is promtool-clean and defines every metric the rules and the dashboard read');
} catch (error) {
  failed = true;
  say(`FAILED: ${error.stack ?? error}`);
} finally {
  // A child that already ended (by exit code or by signal) emits no further 'exit'; one that
  // ignores SIGTERM is killed after 20 s, so the check always ends.
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
        }),
    ),
  );
  say('every service stopped');
  rmSync(dir, { recursive: true, force: true });
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect().then(() => admin.query(`drop database if exists "hookline_img${process.pid}" with (force)`)).catch(() => undefined);
  await admin.end().catch(() => undefined);
}
process.exit(failed ? 1 : 0);
