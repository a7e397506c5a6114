import { z } from '@hookline/config';
import { defineRoute } from '../http/route';

const sessionSchema = z.object({
  object: z.literal('session'),
  organization_id: z.string(),
  role: z.enum(['viewer', 'developer', 'admin']),
  key_id: z.string().describe('`key_…`, or `ps_…` for a portal session.'),
  owner: z.string(),
});

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
    responses: { 200: { description: 'The caller.', schema: sessionSchema } },
    handler: async ({ actor }) => ({
      status: 200,
      body: { object: 'session', organization_id: actor.orgId, role: actor.role, key_id: actor.keyId, owner: actor.owner },
    }),
  }),
];
