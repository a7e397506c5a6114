import type { registryV1 } from '@hookline/proto';
import { iso } from '../common/clock';
import type { RegistryDeps } from '../common/deps';
import { scopeOf } from '../common/scope';
import { createPortalSession, revokePortalSession, type PortalSessionRow } from '../portal-sessions/portal-sessions';
import type { RegistryHandlers } from './handlers';

export const toPortalSession = (row: PortalSessionRow): registryV1.PortalSession => ({
  id: row.id,
  orgId: row.org_id,
  role: row.role,
  features: row.features,
  branding: { productName: row.branding.product_name ?? '', logoUrl: row.branding.logo_url ?? '', accentColor: row.branding.accent_color ?? '' },
  owner: row.owner,
  createdAt: iso(row.created_at),
  expiresAt: iso(row.expires_at),
  revokedAt: iso(row.revoked_at),
});

export function portalSessionHandlers(deps: RegistryDeps): Pick<RegistryHandlers, 'createPortalSession' | 'revokePortalSession'> {
  return {
    async createPortalSession(request) {
      const { meta, orgId } = scopeOf(request);
      const created = await createPortalSession(deps, meta, {
        orgId,
        role: request.role,
        features: request.features,
        branding: { product_name: request.branding?.productName || undefined, logo_url: request.branding?.logoUrl || undefined, accent_color: request.branding?.accentColor || undefined },
        ttlSeconds: request.ttlSeconds,
        owner: request.owner,
      });
      return { session: toPortalSession(created.session), token: created.token };
    },
    async revokePortalSession(request) {
      const { meta, orgId } = scopeOf(request);
      return toPortalSession(await revokePortalSession(deps, meta, orgId, request.id));
    },
  };
}
