import { commonEnv, consumerEnv, port, positiveInt, z } from '@hookline/config';

export const auditEnv = {
  ...commonEnv,
  ...consumerEnv,
  HOOKLINE_AUDIT_PORT: port(50054),
  /** The PostgreSQL schema this service owns (tests use a fresh one per suite). */
  HOOKLINE_AUDIT_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier').default('audit'),
  HOOKLINE_AUDIT_OPS_PORT: port(8084),
  /**
   * The database role the service runs its queries as: SELECT/INSERT on audit records, no
   * UPDATE/DELETE (created and granted at start by the DATABASE_URL user when it may). `none`
   * runs as the DATABASE_URL user, protected by the append-only trigger alone.
   */
  HOOKLINE_AUDIT_DB_ROLE: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier').default('hookline_audit_writer'),
  /**
   * Consumer group of the audit store (one writer per org partition). Default: `audit-store`
   * under the topic prefix, so platforms sharing a broker under different prefixes never share
   * a group (a group spanning two prefixes' topics hands each member the other's partitions).
   */
  HOOKLINE_AUDIT_CONSUMER_GROUP: z.string().default(''),
  /** Keep records this many days (unset: forever). Pruning leaves a signed checkpoint. */
  HOOKLINE_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1, 'must be at least 1 day').optional(),
  /** HMAC key signing retention checkpoints; required with HOOKLINE_AUDIT_RETENTION_DAYS. */
  HOOKLINE_AUDIT_CHECKPOINT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** How often retention runs (ms). */
  HOOKLINE_AUDIT_RETENTION_INTERVAL_MS: positiveInt(3_600_000),
  /** Partitions of the audit topic when the service creates it. */
  HOOKLINE_AUDIT_TOPIC_PARTITIONS: positiveInt(6, 1_000),
};
