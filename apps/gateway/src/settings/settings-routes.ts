import { z } from '@hookline/config';
import type { registryV1 } from '@hookline/proto';
import { defineRoute } from '../http/route';

const settingsSchema = z.object({
  object: z.literal('settings'),
  approvals: z.object({ create: z.boolean(), update: z.boolean(), delete: z.boolean() }).describe('Which webhook actions need a second admin.'),
  updated_at: z.string().nullable(),
});

function settingsJson(settings: registryV1.Settings): z.infer<typeof settingsSchema> {
  const approvals = settings.approvals ?? { create: false, update: false, delete: false };
  return {
    object: 'settings',
    approvals: { create: approvals.create, update: approvals.update, delete: approvals.delete },
    updated_at: settings.updatedAt || null,
  };
}

export const settingsRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/settings',
    summary: 'Organization settings',
    action: 'settings.read',
    resourceType: 'settings',
    auth: 'api_key',
    role: 'viewer',
    responses: { 200: { description: 'The settings.', schema: settingsSchema } },
    handler: async ({ context, clients }) => ({ status: 200, body: settingsJson(await clients.registry.getSettings({ context, orgId: '' })) }),
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/settings',
    summary: 'Change organization settings',
    description: 'Only the fields sent change.',
    action: 'settings.update',
    resourceType: 'settings',
    auth: 'api_key',
    role: 'admin',
    body: z.strictObject({
      approvals: z.strictObject({ create: z.boolean().optional(), update: z.boolean().optional(), delete: z.boolean().optional() }).optional(),
    }),
    responses: { 200: { description: 'The settings after the change.', schema: settingsSchema } },
    handler: async ({ body, context, clients }) => {
      const settings = await clients.registry.updateSettings({ context, orgId: '', approvals: body.approvals });
      return { status: 200, body: settingsJson(settings) };
    },
  }),
];
