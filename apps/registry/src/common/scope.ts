import { asRole, type Actor } from '@hookline/contract';
import { AuthenticationError, InputError, NotFoundError } from '@hookline/errors';
import type { commonV1 } from '@hookline/proto';

/** The request metadata audit records carry. */
export interface RequestMeta {
  actor: Actor;
  requestId: string;
  ip: string;
  userAgent: string;
}

/**
 * Reads the caller from the request context. Internal callers that send no context are services
 * (the gRPC port is not public; the gateway always sends one). Which callers and roles may call
 * which method is the policy table's business (libs/grpc), enforced before a handler runs.
 */
export function requestMeta(context: commonV1.RequestContext | undefined): RequestMeta {
  const a = context?.actor;
  const kind = a?.kind || 'service';
  if (kind !== 'api_key' && kind !== 'operator' && kind !== 'service') {
    throw new AuthenticationError('the request carries no known actor', { code: 'unauthenticated' });
  }
  if (kind === 'api_key' && !a?.orgId) throw new AuthenticationError('the API key actor has no organization');
  return {
    actor: { kind, keyId: a?.keyId ?? '', owner: a?.owner ?? '', role: asRole(a?.role), orgId: a?.orgId ?? '' },
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

/** The caller and the organization an end-user request acts on: where every org-scoped handler starts. */
export function scopeOf(request: { context?: commonV1.RequestContext; orgId?: string }): { meta: RequestMeta; orgId: string } {
  const meta = requestMeta(request.context);
  return { meta, orgId: orgOf(meta, request.orgId) };
}
