import type { Actor } from '@hookline/contract';
import { actorOf, endUserScope } from '@hookline/grpc';
import type { commonV1 } from '@hookline/proto';

/** The request metadata audit records carry. */
export interface RequestMeta {
  actor: Actor;
  requestId: string;
  ip: string;
  userAgent: string;
}

/**
 * Reads the caller from the request context (libs/grpc's `actorOf`: internal callers that send no
 * context are services). Which callers and roles may call which method is the policy table's
 * business (libs/grpc), enforced before a handler runs.
 */
export function requestMeta(context: commonV1.RequestContext | undefined): RequestMeta {
  return { actor: actorOf(context), requestId: context?.requestId ?? '', ip: context?.ip ?? '', userAgent: context?.userAgent ?? '' };
}

/** The caller and the organization an end-user request acts on (libs/grpc's `endUserScope`): where every org-scoped handler starts. */
export function scopeOf(request: { context?: commonV1.RequestContext; orgId?: string }): { meta: RequestMeta; orgId: string } {
  const { actor, orgId } = endUserScope(request);
  const context = request.context;
  return { meta: { actor, requestId: context?.requestId ?? '', ip: context?.ip ?? '', userAgent: context?.userAgent ?? '' }, orgId };
}
