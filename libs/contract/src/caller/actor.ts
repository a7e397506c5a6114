/** An organization API key's role; each may do everything the ones below it may. */
export type Role = 'viewer' | 'developer' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'developer', 'admin'];

/**
 * Who acts: an organization's API key, the platform operator, an internal service acting as
 * itself, or nobody (public routes).
 */
export type ActorKind = 'api_key' | 'operator' | 'service' | 'anonymous';

/** The caller context the gateway authenticates and hands to every service. */
export interface Actor {
  kind: ActorKind;
  /** `key_…` for API keys, `operator` for the operator key, empty otherwise. */
  keyId: string;
  /** The person or system identity holding the key; approvals compare owners. */
  owner: string;
  /** Empty for callers without a role; the operator counts as `admin`. */
  role: Role | '';
  /** The key's organization; empty for the operator, services and anonymous callers. */
  orgId: string;
}

const RANK: Record<Role, number> = { viewer: 1, developer: 2, admin: 3 };

/** viewer < developer < admin; an empty or unknown role has none. */
export function roleAtLeast(role: string, minimum: Role): boolean {
  return (RANK[role as Role] ?? 0) >= RANK[minimum];
}

/** A role as sent over the wire, or '' when it is none of the known ones. */
export function asRole(value: string | undefined): Role | '' {
  return (ROLES as readonly string[]).includes(value ?? '') ? (value as Role) : '';
}
