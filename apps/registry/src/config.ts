import { booleanFlag, commonEnv, masterKeyEnv, port, positiveInt, z } from '@hookline/config';

export const registryEnv = {
  ...commonEnv,
  HOOKLINE_REGISTRY_PORT: port(50051),
  /** The PostgreSQL schema this service owns (tests use a fresh one per suite). */
  HOOKLINE_REGISTRY_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier').default('registry'),
  HOOKLINE_REGISTRY_OPS_PORT: port(8081),
  ...masterKeyEnv,
  /** Accept http:// webhook URLs (local receivers only). */
  HOOKLINE_ALLOW_INSECURE_URLS: booleanFlag(false),
  /** Non-public CIDRs webhook URLs may point at anyway (dev and test), comma-separated. */
  HOOKLINE_EGRESS_ALLOW_CIDRS: z.string().default(''),
  HOOKLINE_MAX_WEBHOOKS_PER_ORG: positiveInt(10, 10_000),
  /** A JSON or YAML event-type catalog loaded (upserted) at start. */
  HOOKLINE_EVENT_CATALOG: z.string().optional(),
  /** How often the outbox relay looks for unsent rows (ms) besides being woken by each commit (LISTEN/NOTIFY). */
  HOOKLINE_REGISTRY_OUTBOX_POLL_MS: positiveInt(1_000, 60_000),
};
