import { commonEnv, port, z } from '@hookline/config';

export const dispatcherEnv = {
  ...commonEnv,
  HOOKLINE_DISPATCHER_PORT: port(50053),
  /** The PostgreSQL schema this service owns (tests use a fresh one per suite). */
  HOOKLINE_DISPATCHER_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier').default('dispatcher'),
  HOOKLINE_DISPATCHER_OPS_PORT: port(8083),
};
