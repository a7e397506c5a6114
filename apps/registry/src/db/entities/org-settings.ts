import { EntitySchema } from '@hookline/db';
import { belongsToOrganization } from './relations';

/** An org's approval switches; an org without a row has them all off. */
export interface OrgSettingsRecord {
  org_id: string;
  approve_create: boolean;
  approve_update: boolean;
  approve_delete: boolean;
  updated_at: Date;
}

export const OrgSettingsEntity = new EntitySchema<OrgSettingsRecord>({
  name: 'OrgSettings',
  tableName: 'org_settings',
  properties: {
    org_id: { ...belongsToOrganization('org_settings'), primary: true },
    approve_create: { type: 'boolean', defaultRaw: 'false' },
    approve_update: { type: 'boolean', defaultRaw: 'false' },
    approve_delete: { type: 'boolean', defaultRaw: 'false' },
    updated_at: { type: 'timestamptz' },
  },
});
