import { breakingChanges, type JsonSchema } from '@hookline/contract';
import type { EntityManager } from '@hookline/db';
import { ConflictError, NotFoundError } from '@hookline/errors';
import { EventTypeEntity } from '../db/entities/event-type';
import { EventTypeSchemaEntity } from '../db/entities/event-type-schema';
import type { UnitOfWork } from '../db/unit-of-work';
import type { EventType, EventTypeDeclaration } from './event-type';

export interface SchemaVersion {
  type: string;
  version: number;
  /** '' = the version that removed the schema. */
  schemaJson: string;
  breaking: boolean;
  createdAt: Date;
  current: boolean;
}

const parse = (json: string): JsonSchema | undefined => (json ? (JSON.parse(json) as JsonSchema) : undefined);

/**
 * The schema version `entry` gets: the current one when its schema is unchanged, else a new
 * version (kept in event_type_schema). A new schema is compared with the latest version that had a
 * schema (the first schema of a type has nothing to be compatible with; removing a schema is
 * always compatible, and adding one back is checked against the one removed): one that refuses
 * data that version accepted is refused unless `breaking` says the operator means it.
 * `before` must be locked by the caller.
 */
export async function assignSchemaVersion(tx: UnitOfWork, before: EventType | null, entry: EventTypeDeclaration, breaking: boolean, at: Date): Promise<number> {
  // Versions outlive a deleted type, so a type declared again continues from its latest one.
  const [latest] = await tx.em.find(EventTypeSchemaEntity, { type: entry.type }, { orderBy: { version: 'desc' }, limit: 1 });
  const current = before ? { version: before.schemaVersion, schemaJson: before.schemaJson } : { version: latest?.version ?? 0, schemaJson: latest?.schema_json ?? '' };
  if (current.schemaJson === entry.schemaJson) return current.version;

  const [baseline] = entry.schemaJson
    ? await tx.em.find(EventTypeSchemaEntity, { type: entry.type, schema_json: { $ne: '' } }, { orderBy: { version: 'desc' }, limit: 1 })
    : [];
  const reasons = baseline ? breakingChanges(parse(baseline.schema_json), parse(entry.schemaJson)) : [];
  if (reasons.length > 0 && !breaking) {
    const shown = reasons.slice(0, 3).join('; ') + (reasons.length > 3 ? `; and ${reasons.length - 3} more` : '');
    throw new ConflictError(
      `the new schema of ${entry.type} refuses data that version ${baseline!.version} accepts (${shown}); send "breaking": true to make the change anyway`,
      { code: 'schema_change_breaking', param: 'schema', details: { breaking_changes: reasons } },
    );
  }
  const version = (latest?.version ?? 0) + 1;
  await tx.em.insert(EventTypeSchemaEntity, { type: entry.type, version, schema_json: entry.schemaJson, breaking: reasons.length > 0, created_at: at });
  return version;
}

/** Every schema version of `type`, newest first; NotFoundError when the catalog has no such type. */
export async function listSchemaVersions(em: EntityManager, type: string): Promise<SchemaVersion[]> {
  const entry = await em.findOne(EventTypeEntity, { type }, { fields: ['type', 'schema_version'] });
  if (!entry) throw new NotFoundError(`event type ${type} not found`, { param: 'type' });
  const versions = await em.find(EventTypeSchemaEntity, { type }, { orderBy: { version: 'desc' } });
  return versions.map((v) => ({
    type: v.type,
    version: v.version,
    schemaJson: v.schema_json,
    breaking: v.breaking,
    createdAt: v.created_at,
    current: v.version === entry.schema_version,
  }));
}
