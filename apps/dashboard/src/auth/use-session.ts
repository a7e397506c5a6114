import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import type { Role } from '../api/types';

const RANK: Record<Role, number> = { viewer: 1, developer: 2, admin: 3 };

/** The signed-in key's organization and role (GET /v1/session), and what it may see. */
export function useSession() {
  const query = useQuery({ queryKey: ['session'], queryFn: () => call(api.GET('/v1/session')), staleTime: 60_000, retry: false });
  const role = query.data?.role;
  const portal = query.data?.portal ?? null;
  return {
    ...query,
    portal,
    /** viewer < developer < admin, as the API enforces it. */
    can: (least: Role) => (role ? RANK[role] >= RANK[least] : false),
    /** A portal session may show only some screens (the API refuses the others too). */
    shows: (feature: string) => !portal || portal.features.length === 0 || portal.features.includes(feature),
  };
}
