import { MikroORM, type EntitySchema } from '@mikro-orm/postgresql';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import { Pool, type PoolClient } from 'pg';
import type { Logger } from '@hookline/logging';
import { databaseConnection } from './database-tls';
import { ensureDatabaseExists } from './ensure-database';
import { guardPool } from './guard-pool';
import { withTransaction } from './with-transaction';

export interface MigrationEntry {
  name: string;
  class: new (...args: any[]) => Migration;
}

export interface DatabaseOptions {
  url: string;
  /** The service's own schema; a service never reads another's. */
  schema: string;
  entities?: EntitySchema<any, any>[];
  migrations: MigrationEntry[];
  poolSize?: number;
  /** The CA bundle of a managed server (DATABASE_SSL_CA_FILE); TLS itself follows the URL's sslmode. */
  caFile?: string;
  logger?: Logger;
}

export interface Database {
  /** Entities, through `orm.em.fork()` per request. */
  orm: MikroORM;
  /** A raw pg pool whose connections use the service schema (for batched hot-path SQL). */
  pool: Pool;
  schema: string;
  /** Runs `work` in one transaction on a pooled connection. */
  transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T>;
  isHealthy(): Promise<boolean>;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens the service's schema: creates database and schema if missing, runs its migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (!SCHEMA_NAME.test(options.schema)) throw new Error(`invalid schema name "${options.schema}"`);
  const { url, ssl } = databaseConnection(options.url, options.caFile);
  await ensureDatabaseExists(url, ssl);
  const pool = guardPool(
    new Pool({
      connectionString: url,
      ssl,
      max: options.poolSize ?? 10,
      options: `-c search_path=${options.schema}`,
      // While the database is unreachable, a checkout fails instead of queueing for ever.
      connectionTimeoutMillis: 5_000,
    }),
    options.logger,
  );
  await pool.query(`create schema if not exists ${options.schema}`);

  // Every ORM connection (migrations included) resolves unqualified names in the service schema.
  const orm = await MikroORM.init({
    clientUrl: url,
    driverOptions: { connection: { options: `-c search_path=${options.schema}`, ssl } },
    schema: options.schema,
    entities: options.entities ?? [],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    // Entities serve requests (registry and gateway management data), so the ORM's pool is sized
    // like the raw one; where only migrations use it, it never opens more than one connection.
    pool: { min: 0, max: options.poolSize ?? 10 },
    allowGlobalContext: false,
    debug: false,
    migrations: {
      tableName: `${options.schema}.mikro_orm_migrations`,
      migrationsList: options.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      // Applied migrations are logged below as JSON, not by MikroORM's console logger.
      silent: true,
    },
  });
  // Serialise migrations across replicas starting at once.
  const lock = await pool.connect();
  try {
    await lock.query('select pg_advisory_lock(hashtext($1))', [`hookline-migrate-${options.schema}`]);
    const applied = await orm.getMigrator().up();
    if (applied.length > 0) options.logger?.info({ schema: options.schema, migrations: applied.map((m) => m.name) }, 'migrations applied');
  } finally {
    await lock.query('select pg_advisory_unlock(hashtext($1))', [`hookline-migrate-${options.schema}`]).catch(() => undefined);
    lock.release();
  }
  options.logger?.info({ schema: options.schema }, 'database ready');

  return {
    orm,
    pool,
    schema: options.schema,
    transaction: (work) => withTransaction(pool, work),
    async isHealthy() {
      try {
        await pool.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await orm.close(true);
      await pool.end();
    },
  };
}
