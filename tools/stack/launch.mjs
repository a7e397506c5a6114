// Spawns the five services as child processes with prefixed logs; shared by `npm start` and
// the benchmark.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { root } from './infrastructure.mjs';
import { serviceKafkaEnv } from './kafka-access.mjs';

export const SERVICES = ['registry', 'ingestion', 'dispatcher', 'audit', 'gateway'];

/**
 * V8 flags every service runs with. A larger young generation (64 MiB semi-spaces instead of
 * 16) lets the short-lived garbage of each delivery die in fewer scavenges: the benchmark's
 * dispatcher spent about a sixth less CPU per delivery with it. The Dockerfiles use the same.
 */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=64'];

/** TypeScript from source, and tracing started before the entry loads (libs/telemetry/src/preload.ts). */
const FROM_SOURCE = ['--import', 'tsx', '--import', join(root, 'libs/telemetry/src/preload.ts')];

/**
 * Starts every service with `env`. `log(service, line)` receives their output; `onExit` is
 * called when one exits on its own. Returns the children and a stop function (SIGTERM, then
 * SIGKILL after 15 s).
 */
export function launchServices({ env, log, onExit, nodeArgs = [] }) {
  const children = new Map();
  let stopping = false;
  for (const service of SERVICES) {
    const child = launchService(service, { env, log, nodeArgs });
    children.set(service, child);
    child.on('exit', (code, signal) => {
      if (!stopping) onExit?.(service, signal ?? code);
    });
  }
  const stop = () => {
    stopping = true;
    return Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', resolve);
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
          }),
      ),
    );
  };
  return { children, stop };
}

/**
 * Starts one service (`registry`, …) as a child process with `env`; its output lines go to
 * `log(service, line)`. The one place a service process is spawned (the chaos suite restarts
 * single services through it). With HOOKLINE_KAFKA_CREDENTIALS in `env`, the service signs in to
 * the broker as its own principal (and never sees the file).
 */
export function launchService(service, { env, log, nodeArgs = [] }) {
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...nodeArgs, ...FROM_SOURCE, join(root, `apps/${service}/src/main.ts`)], {
    cwd: root,
    env: serviceKafkaEnv(service, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => log(service, line));
  }
  return child;
}

/** Polls `url` until it answers 200 or `timeoutMs` passes. */
export async function waitReady(url, timeoutMs, isStopping = () => false) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !isStopping()) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}
