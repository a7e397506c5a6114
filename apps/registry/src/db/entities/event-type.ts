import { EntitySchema } from '@hookline/db';

/** A catalog entry: the types webhooks may subscribe to and ingestion accepts. */
export interface EventTypeRecord {
  type: string;
  group: string;
  name: string;
  description: string;
  schema_json: string;
  /** enforce, warn or off: what ingestion does with data that does not match (DESIGN §3). */
  schema_mode: string;
  /** The current version of `schema_json` in event_type_schema; 0 = the type never had a schema. */
  schema_version: number;
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
    schema_mode: { enum: true, items: ['enforce', 'warn', 'off'], defaultRaw: `'off'` },
    schema_version: { type: 'integer', columnType: 'int', defaultRaw: '0' },
    builtin: { type: 'boolean', defaultRaw: 'false' },
    updated_at: { type: 'timestamptz' },
  },
});
