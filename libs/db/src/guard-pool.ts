import type { Pool } from 'pg';
import type { Logger } from '@hookline/logging';

/**
 * Keeps a lost database from stopping the process. `pg` emits 'error' on a pool when an idle
 * connection dies and on a client when its connection dies while checked out (a LISTEN client,
 * a consumer's transaction); with no listener, Node turns either into an uncaught exception.
 * Here both are logged instead: the broken connection is dropped by the pool when released,
 * the query running on it fails (see `isDatabaseUnavailable`), and the next checkout opens a
 * new connection, so the service recovers by itself once the database answers again.
 */
export function guardPool(pool: Pool, logger?: Logger): Pool {
  pool.on('error', (error) => logger?.warn({ err: error }, 'an idle database connection was lost'));
  pool.on('connect', (client) => {
    client.on('error', (error) => logger?.warn({ err: error }, 'a database connection in use was lost'));
  });
  return pool;
}
