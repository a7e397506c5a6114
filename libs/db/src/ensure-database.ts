import type { ConnectionOptions } from 'node:tls';
import { Client } from 'pg';

/**
 * Creates the database named in `url` when it does not exist yet (connects to `postgres` for
 * that). A database that exists is only connected to: on a managed server the service's role
 * may neither reach `postgres` nor create databases.
 */
export async function ensureDatabaseExists(url: string, ssl: ConnectionOptions | false = false): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL names no database');
  const probe = new Client({ connectionString: url, ssl });
  try {
    await probe.connect();
    return;
  } catch (error) {
    // 3D000 invalid_catalog_name: the database does not exist yet; anything else is a real failure.
    if ((error as { code?: string }).code !== '3D000') throw error;
  } finally {
    await probe.end().catch(() => undefined);
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), ssl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      try {
        await client.query(`create database "${name.replace(/"/g, '""')}"`);
      } catch (error) {
        // Another service created it at the same moment (42P04 duplicate_database, 23505 race).
        const code = (error as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw error;
      }
    }
  } finally {
    await client.end();
  }
}
