import { z } from '@hookline/config';
import { SCHEMA_MODES, type SchemaMode } from '@hookline/contract';
import type { registryV1 } from '@hookline/proto';
import { int32 } from '../http/integers';

export const eventTypeSchema = z.object({
  object: z.literal('event_type'),
  type: z.string().describe('e.g. `transfer.completed`'),
  group: z.string(),
  name: z.string(),
  description: z.string(),
  schema: z.record(z.string(), z.unknown()).optional().describe('JSON schema (draft-07) of `data`.'),
  schema_mode: z.enum(SCHEMA_MODES).describe('What a publish whose `data` does not match `schema` gets: `enforce` → 422 `schema_violation` naming the JSON pointer; `warn` → accepted and counted (`hookline_schema_violations_total`); `off` → not checked.'),
  schema_version: int32().describe('The version of `schema` (each change makes one; `GET /v1/admin/event-types/{type}/schemas` lists them); 0 = never had a schema.'),
}).meta({ id: 'EventType' });

export const eventTypeSchemaVersionSchema = z.object({
  object: z.literal('event_type_schema'),
  type: z.string(),
  version: int32(1),
  schema: z.record(z.string(), z.unknown()).nullable().describe('`null`: the version that removed the schema.'),
  breaking: z.boolean().describe('This version refuses data the one before accepted; the operator marked the change `breaking`.'),
  current: z.boolean(),
  created_at: z.string(),
}).meta({ id: 'EventTypeSchemaVersion' });

export function eventTypeSchemaVersionJson(v: registryV1.EventTypeSchemaVersion): z.infer<typeof eventTypeSchemaVersionSchema> {
  return {
    object: 'event_type_schema',
    type: v.type,
    version: v.version,
    schema: v.schemaJson ? JSON.parse(v.schemaJson) : null,
    breaking: v.breaking,
    current: v.current,
    created_at: v.createdAt,
  };
}

export function eventTypeJson(info: registryV1.EventTypeInfo): z.infer<typeof eventTypeSchema> {
  return {
    object: 'event_type',
    type: info.type,
    group: info.group,
    name: info.name,
    description: info.description,
    ...(info.schemaJson ? { schema: JSON.parse(info.schemaJson) } : {}),
    schema_mode: (SCHEMA_MODES as readonly string[]).includes(info.schemaMode) ? (info.schemaMode as SchemaMode) : 'off',
    schema_version: info.schemaVersion,
  };
}
