import type { NextFunction, Request, Response } from 'express';
import { PermissionError } from '@hookline/errors';
import type { ApiKeyAuthenticator } from '../auth/api-key-authenticator';

/** Which portal feature each API area belongs to (the most specific prefix first). */
const AREAS: [RegExp, string][] = [
  [/^\/v1\/webhooks\/events(\/|$)/, 'deliveries'],
  [/^\/v1\/webhooks\/[^/]+\/recover$/, 'deliveries'],
  [/^\/v1\/webhooks(\/|$)/, 'webhooks'],
  [/^\/v1\/events(\/|$)/, 'events'],
  [/^\/v1\/approvals(\/|$)/, 'approvals'],
  [/^\/v1\/settings(\/|$)/, 'settings'],
  [/^\/v1\/notification-channels(\/|$)/, 'settings'],
  [/^\/v1\/api-keys(\/|$)/, 'api_keys'],
  [/^\/v1\/audit-logs(\/|$)/, 'audit_log'],
  [/^\/v1\/portal-sessions(\/|$)/, 'portal_sessions'],
];

/**
 * A portal session limited to some features is refused the API areas of the others, so hiding a
 * screen is not the only line of defence. Plain API keys pass untouched.
 */
export function portalFeatureGuard(apiKeys: ApiKeyAuthenticator) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = /^Bearer +(hkps_\S+) *$/i.exec(req.get('authorization') ?? '')?.[1];
    if (!token) return next();
    const area = AREAS.find(([pattern]) => pattern.test(req.path))?.[1];
    if (!area) return next();
    try {
      const actor = await apiKeys.authenticate(token);
      const features = actor.portal?.features ?? [];
      if (area === 'portal_sessions' || (features.length > 0 && !features.includes(area))) {
        return next(new PermissionError(`This portal session does not include ${area.replace('_', ' ')}.`, { code: 'portal_feature_disabled' }));
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}
