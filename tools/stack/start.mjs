// `npm start`: the whole platform on one machine. Infrastructure first (PostgreSQL, Kafka), then
// the five services with prefixed logs; once every service is healthy, prints the gateway URL and
// shows the operator key and a demo admin key (on the terminal and in a file only you can read,
// never in the log: see show-keys.mjs); Ctrl-C stops everything it started.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ensureCertificates } from '../certs/certificates.mjs';
import { ensureDashboard } from '../dashboard/build.mjs';
import { resolveKafka, resolvePostgres, root, stopKafka } from './infrastructure.mjs';
// Run under tsx (package.json): the one function that spawns a service is TypeScript.
import { SERVICE_NAMES, spawnService } from '../../libs/testing/src/service-process.ts';
import { provisionKafkaAccess } from './kafka-access.mjs';
import { ensureMasterKey, LOCAL_MASTER_KEY_FILE } from './master-key.mjs';
import { onReady } from './on-ready.mjs';
import { showKeys } from './show-keys.mjs';

const colors = { registry: 35, ingestion: 36, dispatcher: 33, audit: 32, gateway: 34, stack: 37 };
const tty = process.stdout.isTTY;
let lastOutputAt = Date.now();
const log = (service, line) => {
  lastOutputAt = Date.now();
  process.stdout.write(`${tty ? `\x1b[${colors[service]}m` : ''}[${service.padEnd(10)}]${tty ? '\x1b[0m' : ''} ${line}\n`);
};
const say = (line) => log('stack', line);

/** Until the services have been quiet for a moment (their last log lines printed), at most `maxMs`. */
async function quiet(ms = 300, maxMs = 3_000) {
  const deadline = Date.now() + maxMs;
  while (Date.now() - lastOutputAt < ms && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

let stopping = false;
let services;
const cleanup = [];

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  say('stopping...');
  await services?.stop();
  for (const step of cleanup.reverse()) await step().catch((e) => say(`cleanup failed: ${e.message}`));
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

async function main() {
  // The dashboard the gateway serves at `/`: rebuilt only when its sources changed.
  await ensureDashboard({ log: say });
  const postgres = await resolvePostgres(say);
  cleanup.push(postgres.stop);
  const kafka = resolveKafka(say);
  if (kafka.startedHere && process.env.HOOKLINE_KEEP_KAFKA !== 'true') cleanup.push(async () => stopKafka());
  // Each service signs in as its own principal, granted its topics only (libs/kafka/src/access).
  provisionKafkaAccess(kafka, process.env.HOOKLINE_TOPIC_PREFIX ?? '');

  // Mutual TLS between the services: a local CA and one certificate each, made once under .data/certs.
  const tlsDir = ensureCertificates();
  say(`certificates: ${tlsDir} (publishers: npm run certs -- publisher NAME [ORG_IDS])`);
  // Secrets at rest: the deployment's key when given, else this machine's own (made once under .data/).
  const masterKey = process.env.HOOKLINE_MASTER_KEY || ensureMasterKey();
  if (!process.env.HOOKLINE_MASTER_KEY) say(`master key: ${LOCAL_MASTER_KEY_FILE} (mode 0600; keep it with any backup you mean to restore)`);
  const operatorKey = process.env.HOOKLINE_OPERATOR_KEY || `hkop_${randomBytes(24).toString('base64url')}`;
  const gatewayPort = process.env.HOOKLINE_GATEWAY_PORT || '8080';
  const env = {
    ...process.env,
    DATABASE_URL: postgres.url,
    KAFKA_BROKERS: kafka.brokers,
    ...(kafka.credentialsFile ? { HOOKLINE_KAFKA_CREDENTIALS: kafka.credentialsFile } : {}),
    HOOKLINE_OPERATOR_KEY: operatorKey,
    HOOKLINE_MASTER_KEY: masterKey,
    HOOKLINE_GATEWAY_PORT: gatewayPort,
    HOOKLINE_TLS_DIR: tlsDir,
    HOOKLINE_EVENT_CATALOG: process.env.HOOKLINE_EVENT_CATALOG || join(root, 'deploy/catalog/example-catalog.yaml'),
    // Readable logs for a person at a terminal; JSON when the output goes to a file or a collector.
    LOG_FORMAT: process.env.LOG_FORMAT || (tty ? 'pretty' : 'json'),
    ...(tty && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}),
  };
  services = launchServices(env, (service, how) => {
    say(`${service} exited (${how}); stopping the stack`);
    stopAll(1);
  });

  const base = `http://127.0.0.1:${gatewayPort}`;
  if (!(await waitReady(`${base}/readyz?all=true`, 300_000, () => stopping))) {
    say('services did not become healthy within 300 s');
    return stopAll(1);
  }
  const demo = await onReady({ base, operatorKey }).catch((e) => ({ notes: [`(demo organization not created: ${e.message})`], keys: [] }));
  // The banner ends what `npm start` prints on its own: let the services' last lines out first.
  await quiet();
  say('all services healthy');
  say(`gateway:      ${base}`);
  say(`dashboard:    ${base}/ (sign in with the demo API key)`);
  say(`API docs:     ${base}/docs`);
  for (const line of demo.notes) say(line);
  const keysFile = process.env.HOOKLINE_STACK_KEYS_FILE || join(root, '.data/stack-keys.txt');
  for (const line of showKeys([`operator key: ${operatorKey}`, ...demo.keys], { file: keysFile })) say(line);
  say('press Ctrl-C to stop');
}

/**
 * Every service at once, through the one function that spawns a service (libs/testing's
 * spawnService); `onExit` hears of one that exits on its own. `stop()` stops them all.
 */
function launchServices(env, onExit) {
  let stopping = false;
  const started = SERVICE_NAMES.map((service) => {
    const proc = spawnService(service, env, { onLine: (line) => log(service, line) });
    proc.exited.then((how) => {
      if (!stopping) onExit(service, how);
    });
    return proc;
  });
  return {
    stop: () => {
      stopping = true;
      return Promise.all(started.map((proc) => proc.stop(15_000)));
    },
  };
}

/** Polls `url` until it answers 200 or `timeoutMs` passes. */
async function waitReady(url, timeoutMs, isStopping) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !isStopping()) {
    try {
      if ((await fetch(url)).status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

main().catch((error) => {
  say(`failed: ${error.stack ?? error}`);
  stopAll(1);
});
