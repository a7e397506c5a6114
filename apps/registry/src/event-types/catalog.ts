import { InputError, NotFoundError } from '@hookline/errors';
import type { RegistryDeps } from '../common/deps';
import type { Queryable } from '../db/queryable';
import { BUILTIN_EVENT_TYPES, isReservedType, validateEventType, type EventType } from './event-type';
import { inTransaction } from '../db/unit-of-work';

interface EventTypeRow {
  type: string;
  group: string;
  name: string;
  description: string;
  schema_json: string;
}

const toEventType = (r: EventTypeRow): EventType => ({
  type: r.type,
  group: r.group,
  name: r.name,
  description: r.description,
  schemaJson: r.schema_json,
});

async function upsert(db: Queryable, entry: EventType, builtin: boolean, now: Date): Promise<void> {
  await db.query(
    `insert into event_type (type, "group", name, description, schema_json, builtin, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (type) do update set "group" = excluded."group", name = excluded.name,
       description = excluded.description, schema_json = excluded.schema_json, builtin = excluded.builtin,
       updated_at = excluded.updated_at`,
    [entry.type, entry.group, entry.name, entry.description, entry.schemaJson, builtin, now],
  );
}

/** At start: the built-in operational types, then the operator's catalog file. */
export async function seedCatalog(deps: RegistryDeps, fileEntries: EventType[]): Promise<void> {
  const now = deps.clock();
  await inTransaction(deps, async (tx) => {
    for (const entry of BUILTIN_EVENT_TYPES) await upsert(tx, entry, true, now);
    for (const entry of fileEntries) {
      if (isReservedType(entry.type)) throw new Error(`event catalog: type ${entry.type} is reserved for built-in types`);
      await upsert(tx, entry, false, now);
    }
  });
}

export async function listEventTypes(db: Queryable): Promise<EventType[]> {
  const { rows } = await db.query<EventTypeRow>(`select type, "group", name, description, schema_json from event_type order by type`);
  return rows.map(toEventType);
}

/** Which of `types` are not in the catalog. */
export async function unknownEventTypes(db: Queryable, types: string[]): Promise<string[]> {
  if (types.length === 0) return [];
  const { rows } = await db.query<{ type: string }>('select type from event_type where type = any($1::text[])', [types]);
  const known = new Set(rows.map((r) => r.type));
  return types.filter((t) => !known.has(t));
}

export async function registerEventType(
  deps: RegistryDeps,
  input: { type: string; group: string; name: string; description: string; schemaJson: string },
): Promise<EventType> {
  const entry = validateEventType({ ...input, schema: input.schemaJson });
  if (isReservedType(entry.type)) {
    throw new InputError('hookline.* types are built in', { code: 'event_type_reserved', param: 'type' });
  }
  await upsert(deps.db.pool, entry, false, deps.clock());
  return entry;
}

export async function deleteEventType(deps: RegistryDeps, type: string): Promise<void> {
  if (isReservedType(type)) throw new InputError('hookline.* types are built in', { code: 'event_type_reserved', param: 'type' });
  const { rowCount } = await deps.db.pool.query('delete from event_type where type = $1 and not builtin', [type]);
  if (rowCount === 0) throw new NotFoundError(`event type ${type} not found`);
}
