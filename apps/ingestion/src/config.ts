import { commonEnv, port, z } from '@hookline/config';

export const ingestionEnv = {
  ...commonEnv,
  HOOKLINE_INGESTION_PORT: port(50052),
  /** The PostgreSQL schema this service owns (tests use a fresh one per suite). */
  HOOKLINE_INGESTION_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier').default('ingestion'),
  HOOKLINE_INGESTION_OPS_PORT: port(8082),
};
