import type { Request } from 'express';
import { z } from '@hookline/config';
import type { registryV1 } from '@hookline/proto';
import { publicUrl } from '../http/public-url';
import { defineRoute } from '../http/route';
import { createPortalSessionBody, createdPortalSessionSchema, portalSessionJson, portalSessionSchema } from './portal-session-json';

const errorCodes = { role: 'role_invalid', 'features[]': 'feature_invalid', ttl_seconds: 'ttl_invalid', 'branding.logo_url': 'branding_invalid', 'branding.accent_color': 'branding_invalid', 'branding.product_name': 'branding_invalid' };

/** The dashboard URL for a token: the fragment is never sent to a server, so no access log holds it. */
function portalUrl(req: Request, token: string): string {
  return `${publicUrl(req)}/portal#token=${token}`;
}

function request(body: z.infer<typeof createPortalSessionBody>): Omit<registryV1.CreatePortalSessionRequest, 'context' | 'orgId'> {
  return {
    role: body.role ?? 'viewer',
    features: body.features ?? [],
    ttlSeconds: body.ttl_seconds ?? 0,
    owner: body.owner ?? '',
    branding: { productName: body.branding?.product_name ?? '', logoUrl: body.branding?.logo_url ?? '', accentColor: body.branding?.accent_color ?? '' },
  };
}

const created = (req: Request, response: registryV1.CreatePortalSessionResponse) => ({
  status: 201,
  body: { ...portalSessionJson(response.session!), url: portalUrl(req, response.token), token: response.token },
});

const description =
  'A short-lived (default 1 h, at most 24 h), revocable, role-limited dashboard session for one organization, ' +
  'to hand to a customer or embed in an iframe (allowed origins: HOOKLINE_DASHBOARD_FRAME_ANCESTORS). Stored hashed; issue and first use are audited.';

export const portalSessionRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/portal-sessions',
    summary: 'Create a portal session',
    description,
    action: 'portal_session.create',
    resourceType: 'portal_session',
    auth: 'api_key',
    role: 'admin',
    feature: 'never',
    body: createPortalSessionBody,
    errorCodes,
    responses: { 201: { description: 'Created; `token` and `url` are shown only here.', schema: createdPortalSessionSchema } },
    handler: async ({ body, context, clients, req, call }) => created(req, await clients.registry.createPortalSession({ context, orgId: '', ...request(body) }, call)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/admin/organizations/:id/portal-sessions',
    summary: 'Create a portal session for an organization',
    description,
    action: 'admin.portal_session.create',
    resourceType: 'portal_session',
    auth: 'operator',
    params: z.strictObject({ id: z.string() }),
    body: createPortalSessionBody,
    errorCodes,
    responses: { 201: { description: 'Created; `token` and `url` are shown only here.', schema: createdPortalSessionSchema } },
    handler: async ({ body, params, context, clients, req, call }) => created(req, await clients.registry.createPortalSession({ context, orgId: params.id, ...request(body) }, call)),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/portal-sessions/:id',
    summary: 'Revoke a portal session',
    action: 'portal_session.revoke',
    resourceType: 'portal_session',
    auth: 'api_key',
    role: 'admin',
    feature: 'never',
    params: z.strictObject({ id: z.string() }),
    responses: { 200: { description: 'Revoked (at once; within 1 s on every gateway).', schema: portalSessionSchema } },
    handler: async ({ params, context, clients, call }) => ({ status: 200, body: portalSessionJson(await clients.registry.revokePortalSession({ context, orgId: '', id: params.id }, call)) }),
  }),
];
