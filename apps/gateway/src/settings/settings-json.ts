import { z } from '@hookline/config';
import type { registryV1 } from '@hookline/proto';

export const settingsSchema = z.object({
  object: z.literal('settings'),
  approvals: z.object({ create: z.boolean(), update: z.boolean(), delete: z.boolean() }).describe('Which webhook actions need a second admin.'),
  updated_at: z.string().nullable(),
}).meta({ id: 'Settings' });

export function settingsJson(settings: registryV1.Settings | undefined): z.infer<typeof settingsSchema> {
  if (!settings) throw new Error('registry answered without settings');
  const approvals = settings.approvals ?? { create: false, update: false, delete: false };
  return {
    object: 'settings',
    approvals: { create: approvals.create, update: approvals.update, delete: approvals.delete },
    updated_at: settings.updatedAt || null,
  };
}

