import { z } from '@hookline/config';
import { approvalJson, approvalSchema } from '../approvals/approval-json';
import { defineRoute } from '../http/route';
import { settingsJson, settingsSchema } from './settings-json';

export const settingsRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/settings',
    summary: 'Organization settings',
    action: 'settings.read',
    resourceType: 'settings',
    auth: 'api_key',
    role: 'viewer',
    feature: 'settings',
    lastKnownWhileUnavailable: true,
    responses: { 200: { description: 'The settings.', schema: settingsSchema } },
    handler: async ({ context, clients, call }) => ({ status: 200, body: settingsJson(await clients.registry.getSettings({ context, orgId: '' }, call)) }),
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/settings',
    summary: 'Change organization settings',
    description:
      'Only the fields sent change. While any approval is required, turning one off needs a second admin (another principal): 202 with the approval, settings unchanged.',
    action: 'settings.update',
    resourceType: 'settings',
    auth: 'api_key',
    role: 'admin',
    feature: 'settings',
    body: z.strictObject({
      approvals: z.strictObject({ create: z.boolean().optional(), update: z.boolean().optional(), delete: z.boolean().optional() }).optional(),
    }),
    responses: {
      200: { description: 'The settings after the change.', schema: settingsSchema },
      202: { description: 'Awaiting approval by an admin acting for another principal.', schema: approvalSchema.extend({ settings: settingsSchema }).meta({ id: 'SettingsApproval' }) },
    },
    handler: async ({ body, context, clients, call }) => {
      const response = await clients.registry.updateSettings({ context, orgId: '', approvals: body.approvals }, call);
      const settings = settingsJson(response.settings);
      if (response.pendingApproval) return { status: 202, body: { ...approvalJson(response.pendingApproval), settings } };
      return { status: 200, body: settings };
    },
  }),
];
