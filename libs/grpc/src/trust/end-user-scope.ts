import { asRole, type Actor } from '@hookline/contract';
import { AuthenticationError, InputError, NotFoundError } from '@hookline/errors';
import type { commonV1 } from '@hookline/proto';

/** The error codes every service answers when a request names no organization, or another one. */
export const ORG_ID_REQUIRED = 'org_id_required';
export const ORGANIZATION_NOT_FOUND = 'organization_not_found';
/** The code of every refusal by role (the policy table's, and a use case's own rule). */
export const FORBIDDEN = 'forbidden';

/** Who acts and on which organization: where every org-scoped handler starts. */
export interface EndUserScope {
  actor: Actor;
  orgId: string;
}

/**
 * The actor a request's context names. The policy table (authorize.ts) has already refused a
 * context from anyone but the gateway, so a call without one is an internal service acting as
 * itself; an actor kind nobody issues is refused.
 */
export function actorOf(context: commonV1.RequestContext | undefined): Actor {
  const a = context?.actor;
  const kind = a?.kind || 'service';
  if (kind !== 'api_key' && kind !== 'operator' && kind !== 'service') {
    throw new AuthenticationError('the request carries no known actor', { code: 'unauthenticated' });
  }
  if (kind === 'api_key' && !a?.orgId) throw new AuthenticationError('the API key actor has no organization', { code: 'unauthenticated' });
  return { kind, keyId: a?.keyId ?? '', owner: a?.owner ?? '', role: asRole(a?.role), orgId: a?.orgId ?? '' };
}

/**
 * The one answer to "on which organization does this request act": an API key acts in its own
 * organization (naming another one is answered like naming one that does not exist); the operator
 * and internal services must name it in `org_id`. No service reads a request's `org_id` otherwise.
 */
export function endUserScope(request: { context?: commonV1.RequestContext; orgId?: string }): EndUserScope {
  const actor = actorOf(request.context);
  const requested = request.orgId ?? '';
  if (actor.kind === 'api_key') {
    if (requested && requested !== actor.orgId) throw new NotFoundError('organization not found', { code: ORGANIZATION_NOT_FOUND });
    return { actor, orgId: actor.orgId };
  }
  if (!requested) throw new InputError('org_id is required for this caller', { code: ORG_ID_REQUIRED, param: 'org_id' });
  return { actor, orgId: requested };
}
