// CI: start from what a new machine has, so state left by earlier runs cannot make a run green.
// Drops every database Hookline's commands create on the PostgreSQL server they would use (all
// are named `hookline…`: test, bench, chaos, fresh-clone, image-tree and schema-check databases)
// and removes the local state a fresh clone does not have (`.data/`: certificates, master key,
// embedded PostgreSQL; the local broker's data when that broker is not running).
//
//   node tools/ci/clean-slate.mjs
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { brokerIsUp, root } from '../stack/infrastructure.mjs';

const say = (line) => process.stdout.write(`[clean-slate] ${line}\n`);

async function dropHooklineDatabases() {
  const admin = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    say(`no PostgreSQL server at ${admin.host} (${error.message}); nothing to drop`);
    return;
  }
  try {
    const { rows } = await client.query(`select datname from pg_database where datname like 'hookline%' order by datname`);
    for (const { datname } of rows) {
      await client.query(`drop database "${datname.replace(/"/g, '""')}" with (force)`);
    }
    say(rows.length ? `dropped ${rows.length} database(s): ${rows.map((r) => r.datname).join(', ')}` : 'no Hookline database to drop');
  } finally {
    await client.end().catch(() => undefined);
  }
}

await dropHooklineDatabases();
rmSync(join(root, '.data'), { recursive: true, force: true });
if (!brokerIsUp()) rmSync(join(root, 'tools/kafka/.cache/data'), { recursive: true, force: true });
say('removed .data/ (and the local broker data when no broker was running)');
