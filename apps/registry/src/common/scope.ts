import { AuthenticationError, InputError, NotFoundError, PermissionError } from '@hookline/errors';
import type { commonV1 } from '@hookline/proto';

export type Role = 'admin' | 'developer' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'developer', 'viewer'];

/** Who acts, as the gateway (or an internal service) told us. */
export interface Actor {
  kind: 'api_key' | 'operator' | 'service';
  keyId: string;
  owner: string;
  role: string;
  orgId: string;
}

/** The request metadata audit records carry. */
export interface RequestMeta {
  actor: Actor;
  requestId: string;
  ip: string;
  userAgent: string;
}

/**
 * Reads the caller from the request context. Internal callers that send no context are services
 * (the gRPC port is not public; the gateway always sends one).
 */
export function requestMeta(context: commonV1.RequestContext | undefined): RequestMeta {
  const a = context?.actor;
  const kind = a?.kind || 'service';
  if (kind !== 'api_key' && kind !== 'operator' && kind !== 'service') {
    throw new AuthenticationError('the request carries no known actor', { code: 'unauthenticated' });
  }
  if (kind === 'api_key' && !a?.orgId) throw new AuthenticationError('the API key actor has no organization');
  return {
    actor: { kind, keyId: a?.keyId ?? '', owner: a?.owner ?? '', role: a?.role ?? '', orgId: a?.orgId ?? '' },
    requestId: context?.requestId ?? '',
    ip: context?.ip ?? '',
    userAgent: context?.userAgent ?? '',
  };
}

/**
 * The organization a request acts on. API keys act in their own org (naming another one is
 * indistinguishable from naming one that does not exist); operators and services name it.
 */
export function orgOf(meta: RequestMeta, requestedOrgId: string | undefined): string {
  if (meta.actor.kind === 'api_key') {
    if (requestedOrgId && requestedOrgId !== meta.actor.orgId) throw new NotFoundError('organization not found');
    return meta.actor.orgId;
  }
  if (!requestedOrgId) throw new InputError('org_id is required for this caller', { code: 'org_id_required', param: 'org_id' });
  return requestedOrgId;
}

const RANK: Record<Role, number> = { viewer: 1, developer: 2, admin: 3 };

/** Roles are enforced by the gateway too; this is the registry's own line of defence. */
export function requireRole(meta: RequestMeta, minimum: Role): void {
  if (meta.actor.kind !== 'api_key') return;
  const rank = RANK[meta.actor.role as Role] ?? 0;
  if (rank < RANK[minimum]) {
    throw new PermissionError(`this action needs the ${minimum} role`, { code: 'forbidden' });
  }
}

export function requireOperator(meta: RequestMeta, allowService = false): void {
  if (meta.actor.kind === 'operator' || (allowService && meta.actor.kind === 'service')) return;
  throw new PermissionError('this action is for the platform operator', { code: 'forbidden' });
}
