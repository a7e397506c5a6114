import { EntitySchema } from '@hookline/db';

/** A catalog entry: the types webhooks may subscribe to and ingestion accepts. */
export interface EventTypeRecord {
  type: string;
  group: string;
  name: string;
  description: string;
  schema_json: string;
  builtin: boolean;
  updated_at: Date;
}

export const EventTypeEntity = new EntitySchema<EventTypeRecord>({
  name: 'EventType',
  tableName: 'event_type',
  properties: {
    type: { type: 'text', primary: true },
    group: { type: 'text' },
    name: { type: 'text' },
    description: { type: 'text', defaultRaw: `''` },
    schema_json: { type: 'text', defaultRaw: `''` },
    builtin: { type: 'boolean', defaultRaw: 'false' },
    updated_at: { type: 'timestamptz' },
  },
});
