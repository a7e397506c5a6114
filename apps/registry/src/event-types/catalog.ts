import type { EntityManager } from '@hookline/db';
import { InputError, NotFoundError } from '@hookline/errors';
import type { RegistryDeps } from '../common/deps';
import { EventTypeEntity, type EventTypeRecord } from '../db/entities/event-type';
import { inTransaction, readerFor } from '../db/unit-of-work';
import { BUILTIN_EVENT_TYPES, isReservedType, validateEventType, type EventType } from './event-type';

const toEventType = (r: EventTypeRecord): EventType => ({
  type: r.type,
  group: r.group,
  name: r.name,
  description: r.description,
  schemaJson: r.schema_json,
});

const toRecord = (entry: EventType, builtin: boolean, now: Date): EventTypeRecord => ({
  type: entry.type,
  group: entry.group,
  name: entry.name,
  description: entry.description,
  schema_json: entry.schemaJson,
  builtin,
  updated_at: now,
});

/** At start: the built-in operational types, then the operator's catalog file. */
export async function seedCatalog(deps: RegistryDeps, fileEntries: EventType[]): Promise<void> {
  for (const entry of fileEntries) {
    if (isReservedType(entry.type)) throw new Error(`event catalog: type ${entry.type} is reserved for built-in types`);
  }
  const now = deps.clock();
  const records = [...BUILTIN_EVENT_TYPES.map((e) => toRecord(e, true, now)), ...fileEntries.map((e) => toRecord(e, false, now))];
  // One statement cannot upsert a type twice: a type listed again replaces the earlier entry.
  const byType = new Map(records.map((r) => [r.type, r]));
  await inTransaction(deps, (tx) => tx.em.upsertMany(EventTypeEntity, [...byType.values()]));
}

export async function listEventTypes(em: EntityManager): Promise<EventType[]> {
  const records = await em.find(EventTypeEntity, {}, { orderBy: { type: 'asc' } });
  return records.map(toEventType);
}

/** A subscription to a whole group: `transfer.*` (DESIGN §2). */
export const isGroupSubscription = (entry: string): boolean => entry.endsWith('.*') && entry.length > 2;

/**
 * Which of `entries` name nothing in the catalog. An entry is a type, or a group subscription
 * `G.*`, known when G is a catalog group or a prefix of catalog types (`hookline.*`): it then
 * also takes the types added to that group later.
 */
export async function unknownEventTypes(em: EntityManager, entries: string[]): Promise<string[]> {
  if (entries.length === 0) return [];
  const types = entries.filter((e) => !isGroupSubscription(e));
  const groups = entries.filter(isGroupSubscription).map((e) => e.slice(0, -2));
  const found = types.length === 0 ? [] : await em.find(EventTypeEntity, { type: { $in: types } }, { fields: ['type'] });
  const known = new Set(found.map((r) => r.type));
  for (const group of groups) {
    const member = await em.findOne(EventTypeEntity, { $or: [{ group }, { type: { $like: `${escapeLike(group)}.%` } }] }, { fields: ['type'] });
    if (member) known.add(`${group}.*`);
  }
  return entries.filter((t) => !known.has(t));
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function registerEventType(
  deps: RegistryDeps,
  input: { type: string; group: string; name: string; description: string; schemaJson: string },
): Promise<EventType> {
  const entry = validateEventType({ ...input, schema: input.schemaJson });
  if (isReservedType(entry.type)) {
    throw new InputError('hookline.* types are built in', { code: 'event_type_reserved', param: 'type' });
  }
  await readerFor(deps).upsert(EventTypeEntity, toRecord(entry, false, deps.clock()));
  return entry;
}

export async function deleteEventType(deps: RegistryDeps, type: string): Promise<void> {
  if (isReservedType(type)) throw new InputError('hookline.* types are built in', { code: 'event_type_reserved', param: 'type' });
  const deleted = await readerFor(deps).nativeDelete(EventTypeEntity, { type, builtin: false });
  if (deleted === 0) throw new NotFoundError(`event type ${type} not found`);
}
