import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { AuthenticationError } from '@hookline/errors';
import { ANONYMOUS, OPERATOR, type Actor } from './actor';
import type { ApiKeyAuthenticator } from './api-key-authenticator';
import type { FailedAuthentications } from './failed-authentications';

export type AuthScheme = 'api_key' | 'operator' | 'none';

export interface Authentication {
  apiKeys: ApiKeyAuthenticator;
  operatorKey: string;
  /** Wrong keys drain a per-address budget; an address that spent it is refused before any lookup. */
  failures: FailedAuthentications;
}

/** Finds the caller of a request according to the route's auth scheme. */
export async function authenticateRequest(req: Request, scheme: AuthScheme, auth: Authentication): Promise<Actor> {
  if (scheme === 'none') return ANONYMOUS;
  const token = bearerToken(req);
  const address = req.ip ?? '';
  auth.failures.assertAllowed(address);
  try {
    if (scheme === 'operator') {
      if (!sameSecret(token, auth.operatorKey)) {
        throw new AuthenticationError('This endpoint requires the operator key.', { code: 'invalid_operator_key' });
      }
      return OPERATOR;
    }
    return await auth.apiKeys.authenticate(token);
  } catch (error) {
    if (error instanceof AuthenticationError) auth.failures.recordFailure(address);
    throw error;
  }
}

function bearerToken(req: Request): string {
  const header = req.get('authorization');
  if (!header) throw new AuthenticationError('Send an API key as "Authorization: Bearer hk_…".', { code: 'api_key_missing' });
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match) throw new AuthenticationError('The Authorization header must be "Bearer <key>".', { code: 'authorization_malformed' });
  return match[1];
}

/** Constant-time comparison: hashing first gives both sides the same length. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
