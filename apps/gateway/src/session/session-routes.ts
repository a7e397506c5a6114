import { z } from '@hookline/config';
import { defineRoute } from '../http/route';

const sessionSchema = z.object({
  object: z.literal('session'),
  organization_id: z.string(),
  role: z.enum(['viewer', 'developer', 'admin']),
  key_id: z.string().describe('`key_…`, or `ps_…` for a portal session.'),
  owner: z.string(),
  portal: z
    .object({
      features: z.array(z.string()).describe('Screens shown; empty = all.'),
      product_name: z.string().nullable(),
      logo_url: z.string().nullable(),
      accent_color: z.string().nullable(),
      expires_at: z.string(),
    })
    .nullable()
    .describe('Set for a customer-portal session.'),
}).meta({ id: 'Session' });

/** Who the bearer key is: the dashboard asks once after sign-in to show only what the role may do. */
export const sessionRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/session',
    summary: 'The calling key',
    description: 'The organization, role and owner of the key (or portal session) making the call.',
    action: 'session.read',
    resourceType: 'session',
    auth: 'api_key',
    role: 'viewer',
    feature: null,
    responses: { 200: { description: 'The caller.', schema: sessionSchema } },
    handler: async ({ actor }) => ({
      status: 200,
      body: {
        object: 'session',
        organization_id: actor.orgId,
        role: actor.role,
        key_id: actor.keyId,
        owner: actor.owner,
        portal: actor.portal
          ? {
              features: actor.portal.features,
              product_name: actor.portal.branding.productName || null,
              logo_url: actor.portal.branding.logoUrl || null,
              accent_color: actor.portal.branding.accentColor || null,
              expires_at: actor.portal.expiresAt,
            }
          : null,
      },
    }),
  }),
];
