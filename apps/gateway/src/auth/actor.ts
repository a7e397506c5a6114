import type { Request } from 'express';
import type { commonV1 } from '@hookline/proto';

export type Role = 'viewer' | 'developer' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'developer', 'admin'];

/** Who is calling: an organization's API key, the platform operator, or nobody (public routes). */
export interface Actor {
  kind: 'api_key' | 'operator' | 'anonymous';
  /** `key_…` for API keys, `operator` for the operator key, empty when anonymous. */
  keyId: string;
  /** The person or system identity holding the key; approvals compare owners. */
  owner: string;
  /** Empty for anonymous callers; the operator counts as `admin`. */
  role: Role | '';
  /** The key's organization; empty for the operator and anonymous callers. */
  orgId: string;
  /** Set when the bearer is a customer-portal session (`hkps_…`) rather than an API key. */
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

const rank: Record<Role, number> = { viewer: 1, developer: 2, admin: 3 };

/** viewer < developer < admin: each role may do everything the ones below it may. */
export function hasRole(actor: Actor, required: Role): boolean {
  return actor.kind === 'operator' || (actor.role !== '' && rank[actor.role] >= rank[required]);
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
