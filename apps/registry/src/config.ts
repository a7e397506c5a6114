import { commonEnv, port, z } from '@hookline/config';

export const registryEnv = {
  ...commonEnv,
  HOOKLINE_REGISTRY_PORT: port(50051),
  /** The PostgreSQL schema this service owns (tests use a fresh one per suite). */
  HOOKLINE_REGISTRY_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier').default('registry'),
  HOOKLINE_REGISTRY_OPS_PORT: port(8081),
};
