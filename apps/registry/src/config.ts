import { booleanFlag, commonEnv, masterKeyEnv, port, positiveInt, z } from '@hookline/config';
import { wireProfileFromJson } from '@hookline/contract';

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
  /**
   * The wire profile of organizations the operator gave none (JSON, the REST shape of
   * `PUT /v1/admin/organizations/:id/wire-profile`); unset: standard-webhooks.
   */
  HOOKLINE_DEFAULT_WIRE_PROFILE: z
    .string()
    .optional()
    .superRefine((text, ctx) => {
      if (text === undefined) return;
      try {
        wireProfileFromJson(JSON.parse(text));
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `must be a wire profile as JSON: ${(error as Error).message.slice(0, 300)}` });
      }
    }),
  /** How often the outbox relay looks for unsent rows (ms) besides being woken by each commit (LISTEN/NOTIFY). */
  HOOKLINE_REGISTRY_OUTBOX_POLL_MS: positiveInt(1_000, 60_000),
};
