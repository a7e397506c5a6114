import { EntitySchema } from '@hookline/db';

/** One version of a catalog type's data schema; versions are kept, never rewritten. */
export interface EventTypeSchemaRecord {
  type: string;
  version: number;
  /** JSON-encoded; '' = the version that removed the schema. */
  schema_json: string;
  /** The operator accepted that this version refuses data the previous one accepted. */
  breaking: boolean;
  created_at: Date;
}

export const EventTypeSchemaEntity = new EntitySchema<EventTypeSchemaRecord>({
  name: 'EventTypeSchema',
  tableName: 'event_type_schema',
  properties: {
    type: { type: 'text', primary: true },
    version: { type: 'integer', columnType: 'int', primary: true, autoincrement: false },
    schema_json: { type: 'text' },
    breaking: { type: 'boolean', defaultRaw: 'false' },
    created_at: { type: 'timestamptz' },
  },
});
