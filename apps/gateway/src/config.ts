import { commonEnv, port, positiveInt, z } from '@hookline/config';
import { dashboardEnv } from './dashboard/dashboard-config';

export const gatewayEnv = {
  ...commonEnv,
  HOOKLINE_GATEWAY_PORT: port(8080),
  HOOKLINE_GATEWAY_HOST: z.string().default('0.0.0.0'),
  HOOKLINE_OPERATOR_KEY: z.string().min(16, 'must be at least 16 characters'),
  /** The gateway's own schema (idempotency keys). */
  HOOKLINE_GATEWAY_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier').default('gateway'),
  /** Sustained requests per second per API key (the burst allowance is the same number). */
  HOOKLINE_API_RATE_LIMIT_RPS: positiveInt(100, 100_000),
  ...dashboardEnv,
};

export type GatewayConfig = z.infer<z.ZodObject<typeof gatewayEnv>>;
