import { PORTAL_FEATURES } from '@hookline/contract';
import { z } from '@hookline/config';
import type { registryV1 } from '@hookline/proto';
import type { PortalSessionInfo } from '../auth/actor';

export { PORTAL_FEATURES };

export const brandingSchema = z
  .strictObject({
    product_name: z.string().min(1).max(60).optional().describe('Shown instead of "Hookline".'),
    logo_url: z.string().max(100_000).optional().describe('https URL (served by an origin in HOOKLINE_DASHBOARD_FRAME_ANCESTORS) or a base64 data:image URL.'),
    accent_color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be #rrggbb').optional(),
  })
  .describe('Light branding for an embedded portal.');

export const createPortalSessionBody = z.strictObject({
  role: z.enum(['viewer', 'developer', 'admin']).optional().describe('Default `viewer`.'),
  features: z.array(z.enum(PORTAL_FEATURES)).max(PORTAL_FEATURES.length).optional().describe('Screens shown; omit for all. The API refuses the others to this session too.'),
  ttl_seconds: z.number().int().min(60).max(86_400).optional().describe('60 s to 24 h; default 1 h.'),
  owner: z.string().min(1).max(200).optional().describe('The principal it acts for. Issued with an API key: that key\'s principal (naming another is refused, 403 owner_not_self); the operator names anyone.'),
  branding: brandingSchema.optional(),
});

export const portalSessionSchema = z.object({
  object: z.literal('portal_session'),
  id: z.string().describe('`ps_…`'),
  organization_id: z.string(),
  role: z.enum(['viewer', 'developer', 'admin']),
  features: z.array(z.string()).describe('Empty = every screen.'),
  branding: z.object({ product_name: z.string().nullable(), logo_url: z.string().nullable(), accent_color: z.string().nullable() }),
  owner: z.string(),
  created_at: z.string(),
  expires_at: z.string(),
  revoked_at: z.string().nullable(),
}).meta({ id: 'PortalSession' });

export const createdPortalSessionSchema = portalSessionSchema.extend({
  url: z.string().describe('Opens the dashboard signed in to this session; the token travels in the fragment, which browsers never send to a server.'),
  token: z.string().describe('`hkps_…`, shown only here; usable as a Bearer key until it expires or is revoked.'),
}).meta({ id: 'CreatedPortalSession' });

export function portalSessionJson(session: registryV1.PortalSession): z.infer<typeof portalSessionSchema> {
  return {
    object: 'portal_session',
    id: session.id,
    organization_id: session.orgId,
    role: session.role as 'viewer',
    features: session.features,
    branding: { product_name: session.branding?.productName || null, logo_url: session.branding?.logoUrl || null, accent_color: session.branding?.accentColor || null },
    owner: session.owner,
    created_at: session.createdAt,
    expires_at: session.expiresAt,
    revoked_at: session.revokedAt || null,
  };
}

/** What the gateway keeps about a portal bearer (features for the guard, branding for /v1/session). */
export function portalInfo(session: registryV1.PortalSession | undefined): PortalSessionInfo | undefined {
  if (!session?.id) return undefined;
  return {
    features: session.features,
    branding: { productName: session.branding?.productName ?? '', logoUrl: session.branding?.logoUrl ?? '', accentColor: session.branding?.accentColor ?? '' },
    expiresAt: session.expiresAt,
  };
}
