// CI: meets Hookline the way a newcomer does. Clones the committed repository into a temporary
// folder, runs `npm start` there as the first command (it installs from the lockfile), waits
// until the gateway is ready and the API answers with the demo key the banner prints, then
// stops it with Ctrl-C (SIGINT) and checks it exits. Reuses the Kafka broker and PostgreSQL
// server already running (a fresh database and topic prefix), and free ports for every listener.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { localBroker } from '../stack/kafka-access.mjs';

const root = new URL('../..', import.meta.url).pathname;
const START_TIMEOUT_MS = Number(process.env.FRESH_CLONE_TIMEOUT_MS ?? 900_000);
const say = (line) => process.stdout.write(`[fresh-clone] ${line}\n`);

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const answers = (port) =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, timeout: 1_000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-fresh-'));
  const clone = join(dir, 'hookline');
  const run = `fresh${process.pid}${Date.now().toString(36)}`;
  say(`cloning ${root} into ${clone}`);
  execFileSync('git', ['clone', '--quiet', root, clone]);

  const env = { ...process.env, HOOKLINE_TOPIC_PREFIX: `${run}.`, LOG_FORMAT: 'pretty' };
  for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'HOOKLINE_OPERATOR_KEY', 'HOOKLINE_MASTER_KEY', 'HOOKLINE_STACK_KEYS_FILE']) delete env[name];
  // Reuse the infrastructure that is already up rather than starting a second broker or server.
  // The local broker requires sign-in: the clone uses this checkout's users for it.
  const broker = localBroker();
  if ((await answers(Number(broker.brokers.split(':')[1]))) && existsSync(broker.credentialsFile)) {
    env.KAFKA_BROKERS = broker.brokers;
    env.HOOKLINE_KAFKA_CREDENTIALS = broker.credentialsFile;
  }
  if (await answers(5432)) env.DATABASE_URL = `postgres://postgres@127.0.0.1:5432/hookline_${run}`;
  const gatewayPort = await freePort();
  env.HOOKLINE_GATEWAY_PORT = String(gatewayPort);
  env.HOOKLINE_GATEWAY_OPS_PORT = String(await freePort());
  for (const service of ['REGISTRY', 'INGESTION', 'DISPATCHER', 'AUDIT']) {
    const port = await freePort();
    env[`HOOKLINE_${service}_PORT`] = String(port);
    env[`HOOKLINE_${service}_ADDR`] = `127.0.0.1:${port}`;
    env[`HOOKLINE_${service}_OPS_PORT`] = String(await freePort());
  }

  const started = Date.now();
  say(`npm start (gateway on ${gatewayPort}, Kafka ${env.KAFKA_BROKERS ?? 'own'}, PostgreSQL ${env.DATABASE_URL ? 'local server' : 'own'})`);
  const child = spawn('npm', ['start'], { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output = [];
  let bannerDone;
  const banner = new Promise((resolve) => (bannerDone = resolve));
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      if (process.env.FRESH_CLONE_VERBOSE) process.stdout.write(`  | ${line}\n`);
      if (/press Ctrl-C to stop/.test(line)) bannerDone(true);
    });
  }
  let exitedWith;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exitedWith = signal ?? code))));
  const timer = setTimeout(() => bannerDone(false), START_TIMEOUT_MS);
  const ready = await Promise.race([banner, exited.then(() => false)]);
  clearTimeout(timer);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const startUp = output.slice();

  const failures = [];
  if (!ready) failures.push(exitedWith !== undefined ? `npm start exited (${exitedWith}) before its banner` : `npm start did not print its banner within ${START_TIMEOUT_MS / 1000} s`);
  else {
    // What a newcomer reads while it starts: no stack traces, no errors, no kafkajs warnings,
    // and waiting for a peer said once.
    const noise = startUp.filter((line) => /^\S*\s*(\[[^\]]+\]\s+)?\s+at \S|\bERROR\b|"level":"error"|KafkaJS v2\.0\.0|Limiting retries/.test(line));
    if (noise.length) failures.push(`start-up printed noise:\n${noise.slice(0, 10).join('\n')}`);
    const waits = startUp.filter((line) => /waiting for registry/.test(line));
    if (new Set(waits.map((line) => line.slice(0, 12))).size !== waits.length) failures.push(`"waiting for registry" said more than once per service:\n${waits.join('\n')}`);
    say(`ready after ${seconds} s (install + start)`);
    const base = `http://127.0.0.1:${gatewayPort}`;
    const check = async (path, headers, expect) => {
      const res = await fetch(`${base}${path}`, { headers }).catch((error) => ({ status: String(error) }));
      if (res.status !== expect) failures.push(`GET ${path} answered ${res.status}, expected ${expect}`);
      else say(`GET ${path} → ${res.status}`);
    };
    await check('/readyz?all=true', {}, 200);
    await check('/', {}, 200); // the dashboard, built by `npm start` on first use
    await check('/docs', {}, 200);
    await check('/openapi.json', {}, 200);
    // The keys go to a file only the newcomer can read (and to their terminal), never into the log.
    const keysFile = join(clone, '.data/stack-keys.txt');
    const keys = existsSync(keysFile) ? readFileSync(keysFile, 'utf8') : '';
    const demoKey = /demo API key:\s+(hk_\S+)/.exec(keys)?.[1];
    if (!demoKey) failures.push(`${keysFile} holds no demo API key`);
    else {
      if ((statSync(keysFile).mode & 0o077) !== 0) failures.push(`${keysFile} is readable by others`);
      if (output.some((line) => line.includes(demoKey))) failures.push('the demo API key was printed into the log');
      await check('/v1/webhooks', { authorization: `Bearer ${demoKey}` }, 200);
    }
    // The banner ends what `npm start` prints on its own (the checks above add access-log lines).
    const last = startUp.filter((line) => line.trim()).at(-1) ?? '';
    if (!/press Ctrl-C to stop/.test(last)) failures.push(`the banner is not the last thing printed; last line: ${last}`);
  }

  // Ctrl-C reaches the whole foreground process group in a terminal; do the same.
  try {
    process.kill(-child.pid, 'SIGINT');
  } catch {
    // already gone
  }
  const stopTimer = setTimeout(() => {
    failures.push('npm start did not stop within 60 s of Ctrl-C');
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 60_000);
  await exited;
  clearTimeout(stopTimer);

  if (env.DATABASE_URL) {
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    await admin.query(`drop database if exists "hookline_${run}" with (force)`).catch((e) => say(`could not drop the database: ${e.message}`));
    await admin.end();
  }
  rmSync(dir, { recursive: true, force: true });

  if (failures.length) {
    process.stdout.write(output.slice(-80).map((line) => `  | ${line}\n`).join(''));
    for (const failure of failures) say(`FAILED: ${failure}`);
    process.exit(1);
  }
  say(`passed: ready ${seconds} s after \`npm start\` on a fresh clone`);
}

main().catch((error) => {
  say(`FAILED: ${error.stack ?? error}`);
  process.exit(1);
});
