import type { Request } from 'express';
import { roleAtLeast, type Actor as CallerContext, type Role } from '@hookline/contract';
import type { commonV1 } from '@hookline/proto';

export { ROLES, type Role } from '@hookline/contract';

/**
 * Who is calling (the one caller context, see @hookline/contract), plus the customer-portal
 * session when the bearer is one (`hkps_…`) rather than an API key. The gateway never sees a
 * `service` actor: services call the other services directly.
 */
export interface Actor extends CallerContext {
  kind: Exclude<CallerContext['kind'], 'service'>;
  portal?: PortalSessionInfo;
}

export interface PortalSessionInfo {
  /** Dashboard features the session shows; empty = all. */
  features: string[];
  branding: { productName: string; logoUrl: string; accentColor: string };
  expiresAt: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by authentication, before the handler and before any access audit record is written. */
    actor?: Actor;
  }
}

export const ANONYMOUS: Actor = { kind: 'anonymous', keyId: '', owner: '', role: '', orgId: '' };
export const OPERATOR: Actor = { kind: 'operator', keyId: 'operator', owner: 'operator', role: 'admin', orgId: '' };

/** viewer < developer < admin: each role may do everything the ones below it may. */
export function hasRole(actor: Actor, required: Role): boolean {
  return actor.kind === 'operator' || roleAtLeast(actor.role, required);
}

/** The request metadata every public registry RPC carries (for its audit records). */
export function requestContext(req: Request, actor: Actor): commonV1.RequestContext {
  return {
    actor: { kind: actor.kind, keyId: actor.keyId, owner: actor.owner, role: actor.role, orgId: actor.orgId },
    requestId: req.requestId,
    ip: req.ip ?? '',
    userAgent: req.get('user-agent') ?? '',
  };
}
