import { commonEnv, port, positiveInt, z } from '@hookline/config';

export const gatewayEnv = {
  ...commonEnv,
  HOOKLINE_GATEWAY_PORT: port(8080),
  /** Where the REST API listens; defaults to HOOKLINE_BIND_HOST (127.0.0.1). */
  HOOKLINE_GATEWAY_HOST: z.string().min(1).optional(),
  HOOKLINE_OPERATOR_KEY: z.string().min(16, 'must be at least 16 characters'),
  /** The gateway's own schema (idempotency keys). */
  HOOKLINE_GATEWAY_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier').default('gateway'),
  /** Sustained requests per second per API key (the burst allowance is the same number). */
  HOOKLINE_API_RATE_LIMIT_RPS: positiveInt(100, 100_000),
};

export type GatewayConfig = z.infer<z.ZodObject<typeof gatewayEnv>>;
