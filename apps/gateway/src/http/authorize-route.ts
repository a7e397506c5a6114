import { PermissionError } from '@hookline/errors';
import { hasRole, type Actor } from '../auth/actor';
import type { RouteDefinition } from './route';

/**
 * Role and portal feature, both read from the matched route's declaration (never from the request
 * path): whatever spelling reached this route, the same rule applies.
 */
export function authorizeRoute(route: Pick<RouteDefinition, 'auth' | 'role' | 'feature'>, actor: Actor): void {
  if (route.auth !== 'api_key') return;
  if (route.role && !hasRole(actor, route.role)) {
    throw new PermissionError(`This API key's role (${actor.role}) may not do this; it needs ${route.role}.`, { code: 'insufficient_role' });
  }
  if (!actor.portal || route.feature === null) return;
  const features = actor.portal.features;
  if (route.feature === 'never' || route.feature === undefined || (features.length > 0 && !features.includes(route.feature))) {
    const what = route.feature === 'never' || route.feature === undefined ? 'managing portal sessions' : route.feature.replace('_', ' ');
    throw new PermissionError(`This portal session does not include ${what}.`, { code: 'portal_feature_disabled' });
  }
}
