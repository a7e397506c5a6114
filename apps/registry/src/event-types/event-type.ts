import { DEFAULT_SCHEMA_MODE, isSchemaMode, schemaProblem, type SchemaMode } from '@hookline/contract';
import { InputError } from '@hookline/errors';

export interface EventType {
  type: string;
  group: string;
  name: string;
  description: string;
  /** JSON schema of `data`, JSON-encoded; '' when none. */
  schemaJson: string;
  /** What ingestion does with data that does not match the schema. */
  schemaMode: SchemaMode;
  /** The version of `schemaJson`; 0 = the type never had a schema. Assigned by the catalog. */
  schemaVersion: number;
}

/** A catalog entry as declared (API or catalog file), before the catalog assigns its schema version. */
export type EventTypeDeclaration = Omit<EventType, 'schemaVersion'>;

const TYPE_PATTERN = /^[a-z0-9_]+(\.[a-z0-9_]+)+$/;

/** Operational events the platform itself emits; always in the catalog, never removable. */
export const BUILTIN_EVENT_TYPES: EventTypeDeclaration[] = [
  {
    type: 'hookline.delivery.exhausted',
    group: 'hookline',
    name: 'Delivery exhausted',
    description: 'A delivery failed every attempt of its retry schedule and will not be retried automatically.',
    schemaJson: JSON.stringify({
      type: 'object',
      properties: {
        delivery_id: { type: 'string' },
        webhook_id: { type: 'string' },
        event_id: { type: 'string' },
        event_type: { type: 'string' },
        attempt_count: { type: 'integer' },
      },
      required: ['delivery_id', 'webhook_id', 'event_id'],
    }),
    schemaMode: 'off',
  },
  {
    type: 'hookline.webhook.disabled',
    group: 'hookline',
    name: 'Webhook disabled',
    description: 'A webhook was disabled: its endpoint answered 410 Gone or failed without success for 5 days.',
    schemaJson: JSON.stringify({
      type: 'object',
      properties: { webhook_id: { type: 'string' }, reason: { type: 'string', enum: ['gone', 'failing'] } },
      required: ['webhook_id', 'reason'],
    }),
    schemaMode: 'off',
  },
  {
    // The default type of `POST /v1/webhooks/:id/test`; ingestion only accepts catalog types.
    type: 'hookline.test',
    group: 'hookline',
    name: 'Test event',
    description: 'Sent by `POST /v1/webhooks/:id/test` when no type is chosen; delivered only to that webhook, with `is_test: true`.',
    schemaJson: '',
    schemaMode: 'off',
  },
];

export function isReservedType(type: string): boolean {
  return type === 'hookline' || type.startsWith('hookline.');
}

export function isValidEventTypeName(type: string): boolean {
  return type.length <= 100 && TYPE_PATTERN.test(type);
}

/**
 * Validates and normalises a catalog entry; defaults group to the first segment, name to the type
 * and the schema mode to `off`.
 */
export function validateEventType(input: { type: string; group?: string; name?: string; description?: string; schema?: unknown; schema_mode?: string }): EventTypeDeclaration {
  const type = input.type ?? '';
  if (!isValidEventTypeName(type)) {
    throw new InputError('type must be dot-separated segments of a-z, 0-9 and _ (e.g. transfer.completed), at most 100 characters', {
      code: 'event_type_invalid',
      param: 'type',
    });
  }
  const group = (input.group ?? '').trim() || type.split('.')[0];
  const name = (input.name ?? '').trim() || type;
  const description = (input.description ?? '').trim();
  if (group.length > 100) throw new InputError('group must be at most 100 characters', { code: 'group_invalid', param: 'group' });
  if (name.length > 100) throw new InputError('name must be at most 100 characters', { code: 'name_invalid', param: 'name' });
  if (description.length > 1000) {
    throw new InputError('description must be at most 1000 characters', { code: 'description_invalid', param: 'description' });
  }
  let schemaJson = '';
  if (input.schema !== undefined && input.schema !== null && input.schema !== '') {
    let schema = input.schema;
    if (typeof schema === 'string') {
      try {
        schema = JSON.parse(schema);
      } catch {
        throw new InputError('schema must be a JSON object', { code: 'schema_invalid', param: 'schema' });
      }
    }
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
      throw new InputError('schema must be a JSON object (a JSON schema)', { code: 'schema_invalid', param: 'schema' });
    }
    const problem = schemaProblem(schema);
    if (problem) throw new InputError(`schema is not a usable JSON Schema (draft-07): ${problem.slice(0, 300)}`, { code: 'schema_invalid', param: 'schema' });
    schemaJson = JSON.stringify(schema);
  }
  const schemaMode = input.schema_mode || DEFAULT_SCHEMA_MODE;
  if (!isSchemaMode(schemaMode)) throw new InputError('schema_mode must be enforce, warn or off', { code: 'schema_mode_invalid', param: 'schema_mode' });
  if (schemaMode !== 'off' && !schemaJson) {
    throw new InputError(`schema_mode ${schemaMode} needs a schema`, { code: 'schema_mode_invalid', param: 'schema_mode' });
  }
  return { type, group, name, description, schemaJson, schemaMode };
}
