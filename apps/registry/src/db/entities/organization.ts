import { EntitySchema } from '@hookline/db';

/** A tenant: every other management row belongs to one. */
export interface Organization {
  id: string;
  name: string;
  created_at: Date;
}

export const OrganizationEntity = new EntitySchema<Organization>({
  name: 'Organization',
  tableName: 'organization',
  properties: {
    id: { type: 'text', primary: true },
    name: { type: 'text' },
    created_at: { type: 'timestamptz' },
  },
  indexes: [{ name: 'organization_created_idx', expression: 'create index organization_created_idx on organization (created_at desc, id desc)' }],
});
