import { commonEnv, port, z } from '@hookline/config';

export const gatewayEnv = {
  ...commonEnv,
  HOOKLINE_GATEWAY_PORT: port(8080),
  HOOKLINE_GATEWAY_HOST: z.string().default('0.0.0.0'),
  HOOKLINE_OPERATOR_KEY: z.string().min(16, 'must be at least 16 characters'),
};

export type GatewayConfig = z.infer<z.ZodObject<typeof gatewayEnv>>;
