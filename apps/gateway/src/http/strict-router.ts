import { Router } from 'express';

/**
 * Every router of the gateway matches paths exactly: `/V1/API-KEYS` and `/v1/api-keys/` are not
 * `/v1/api-keys`. Express routers are case-insensitive and lax about a trailing slash by default,
 * and a router does not inherit the app's setting, so each one is made here.
 */
export const strictRouter = () => Router({ caseSensitive: true, strict: true });
