import { commonEnv, masterKeyEnv, port, positiveInt, z } from '@hookline/config';
import { isIP } from 'node:net';

const frameOrigin = z.string().regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i, 'must be origins like https://app.example.com, separated by spaces');

/** The dashboard the gateway serves (dashboard/dashboard-routes.ts). */
const dashboardEnv = {
  /** The built dashboard (index.html and assets/); relative paths start at the working directory. */
  HOOKLINE_DASHBOARD_DIR: z.string().default('dist/apps/dashboard'),
  /** Origins allowed to embed the dashboard / customer portal in an iframe (CSP frame-ancestors). */
  HOOKLINE_DASHBOARD_FRAME_ANCESTORS: z
    .string()
    .default('')
    .transform((value) => value.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(frameOrigin)),
};

/**
 * `HOOKLINE_PUBLIC_URL`: where clients reach the gateway (e.g. `https://hooks.example.com`, the
 * ingress's address), the base of every URL the platform hands out. Unset (local runs): the
 * request's own scheme and host.
 */
export const publicUrlEnv = {
  HOOKLINE_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?(\/[\w.~%/-]*)?$/i, 'must be an http(s) URL with no query or fragment, e.g. https://hooks.example.com')
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
};

const trustedProxies = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean))
  .superRefine((entries, ctx) => {
    for (const entry of entries) {
      const [ip, bits, ...rest] = entry.split('/');
      const family = isIP(ip);
      const max = family === 4 ? 32 : 128;
      const validBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max);
      if (!family || !validBits || rest.length > 0) ctx.addIssue({ code: 'custom', message: `"${entry}" is not an IP address or CIDR` });
    }
  });

export const gatewayEnv = {
  ...commonEnv,
  HOOKLINE_GATEWAY_PORT: port(8080),
  /** Operations listener (/healthz, /readyz, /metrics) on HOOKLINE_BIND_HOST: metrics stay off the public port. */
  HOOKLINE_GATEWAY_OPS_PORT: port(8085),
  /** Where the REST API listens; defaults to HOOKLINE_BIND_HOST (127.0.0.1). */
  HOOKLINE_GATEWAY_HOST: z.string().min(1).optional(),
  HOOKLINE_OPERATOR_KEY: z.string().min(16, 'must be at least 16 characters'),
  /** The gateway's own schema (idempotency keys). */
  HOOKLINE_GATEWAY_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier').default('gateway'),
  /** The deployment's master key, the same one the registry holds: stored Idempotency-Key responses are sealed with it. */
  ...masterKeyEnv,
  /**
   * Proxies whose `X-Forwarded-For` names the client (comma-separated IP addresses or CIDRs, e.g.
   * the ingress's). Empty (the default): the peer's address is the client's, whatever a header says.
   */
  HOOKLINE_TRUSTED_PROXIES: trustedProxies,
  /** Failed authentications a client address may make at once before it gets 429s. */
  HOOKLINE_AUTH_FAILURE_BURST: positiveInt(20, 100_000),
  /** Failed authentications per second a client address earns back after its burst. */
  HOOKLINE_AUTH_FAILURE_RPS: z.coerce.number().positive('must be a positive number').max(100_000).default(1),
  /**
   * Most API keys and portal sessions the gateway remembers (by hash; least recently used go
   * first). Remembered credentials keep working while the registry is down; others get 503.
   */
  HOOKLINE_CREDENTIAL_CACHE_SIZE: positiveInt(10_000, 10_000_000),
  /** Sustained requests per second per API key (the burst allowance is the same number). */
  HOOKLINE_API_RATE_LIMIT_RPS: positiveInt(100, 100_000),
  ...dashboardEnv,
  ...publicUrlEnv,
};

export type GatewayConfig = z.infer<z.ZodObject<typeof gatewayEnv>>;
