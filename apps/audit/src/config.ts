import { commonEnv, port, z } from '@hookline/config';

export const auditEnv = {
  ...commonEnv,
  HOOKLINE_AUDIT_PORT: port(50054),
  /** The PostgreSQL schema this service owns (tests use a fresh one per suite). */
  HOOKLINE_AUDIT_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier').default('audit'),
  HOOKLINE_AUDIT_OPS_PORT: port(8084),
};
