import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { AuthenticationError } from '@hookline/errors';
import { ANONYMOUS, OPERATOR, type Actor } from './actor';
import type { ApiKeyAuthenticator } from './api-key-authenticator';
import { keyPrefix, type FailedAuthentications } from './failed-authentications';

export type AuthScheme = 'api_key' | 'operator' | 'none';

export interface Authentication {
  apiKeys: ApiKeyAuthenticator;
  operatorKey: string;
  /** Wrong keys drain a budget per address and per (address, key prefix); a spent one is refused before any lookup. */
  failures: FailedAuthentications;
}

/** Finds the caller of a request according to the route's auth scheme. */
export async function authenticateRequest(req: Request, scheme: AuthScheme, auth: Authentication): Promise<Actor> {
  if (scheme === 'none') return ANONYMOUS;
  const token = bearerToken(req);
  // The client's address: the peer's, or what a trusted proxy (HOOKLINE_TRUSTED_PROXIES) says it is.
  const address = req.ip ?? '';
  const prefix = keyPrefix(token);
  auth.failures.assertAllowed(address, prefix);
  try {
    let actor: Actor;
    if (scheme === 'operator') {
      if (!sameSecret(token, auth.operatorKey)) {
        throw new AuthenticationError('This endpoint requires the operator key.', { code: 'invalid_operator_key' });
      }
      actor = OPERATOR;
    } else {
      actor = await auth.apiKeys.authenticate(token);
    }
    auth.failures.recordSuccess(address, prefix);
    return actor;
  } catch (error) {
    if (error instanceof AuthenticationError) auth.failures.recordFailure(address, prefix);
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
