import { EntitySchema } from '@hookline/db';
import { belongsToOrganization } from './relations';

/** An organization's own wire profile (the REST shape); an organization without a row has the platform default. */
export interface OrgWireProfileRecord {
  org_id: string;
  profile: unknown;
  updated_at: Date;
}

export const OrgWireProfileEntity = new EntitySchema<OrgWireProfileRecord>({
  name: 'OrgWireProfile',
  tableName: 'org_wire_profile',
  properties: {
    org_id: { ...belongsToOrganization('org_wire_profile'), primary: true },
    profile: { type: 'json', columnType: 'jsonb' },
    updated_at: { type: 'timestamptz' },
  },
});
