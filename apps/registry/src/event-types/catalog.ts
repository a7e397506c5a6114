import { LockMode, type EntityManager } from '@hookline/db';
import { InputError, NotFoundError } from '@hookline/errors';
import type { RegistryDeps } from '../common/deps';
import { EventTypeEntity, type EventTypeRecord } from '../db/entities/event-type';
import type { RequestMeta } from '../common/scope';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work';
import { enqueueAudit } from '../outbox/outbox';
import { BUILTIN_EVENT_TYPES, isReservedType, validateEventType, type EventType, type EventTypeDeclaration } from './event-type';
import type { CatalogFileEntry } from './load-catalog-file';
import { assignSchemaVersion } from './schema-versions';

/** The audit chain of platform-wide changes: the operator's, not any one organization's. */
const PLATFORM_CHAIN = '';

const toEventType = (r: EventTypeRecord): EventType => ({
  type: r.type,
  group: r.group,
  name: r.name,
  description: r.description,
  schemaJson: r.schema_json,
  schemaMode: r.schema_mode as EventType['schemaMode'],
  schemaVersion: r.schema_version,
});

const toRecord = (entry: EventType, builtin: boolean, now: Date): EventTypeRecord => ({
  type: entry.type,
  group: entry.group,
  name: entry.name,
  description: entry.description,
  schema_json: entry.schemaJson,
  schema_mode: entry.schemaMode,
  schema_version: entry.schemaVersion,
  builtin,
  updated_at: now,
});

/** Who changes the catalog from its file at start: the operator, who deploys that file. */
const CATALOG_FILE: RequestMeta = {
  actor: { kind: 'operator', keyId: '', owner: 'catalog file', role: '', orgId: '' },
  requestId: '',
  ip: '',
  userAgent: 'hookline registry (HOOKLINE_EVENT_CATALOG)',
};

/**
 * Catalog changes are audited on the platform chain (org `''`, the operator's), as the catalog is
 * every organization's: one record per type whose entry changed, with what it was and became.
 */
async function auditCatalogChange(tx: UnitOfWork, meta: RequestMeta, type: string, before: EventType | null, after: EventType | null, at: Date): Promise<void> {
  if (before && after && sameEntry(before, after)) return;
  const action = !before ? 'event_type.create' : after ? 'event_type.update' : 'event_type.delete';
  await enqueueAudit(tx, { meta, orgId: PLATFORM_CHAIN, action, resourceType: 'event_type', resourceId: type, before: before ?? undefined, after: after ?? undefined, at });
}

/** Adds `type` when the catalog lacks it (a wire profile's test type), audited like any catalog change. */
export async function ensureEventType(tx: UnitOfWork, meta: RequestMeta, type: string, description: string, at: Date): Promise<void> {
  const entry: EventType = { type, group: type.split('.')[0], name: 'Test event', description, schemaJson: '', schemaMode: 'off', schemaVersion: 0 };
  const { rowCount } = await tx.query(
    `insert into event_type (type, "group", name, description, schema_json, builtin, updated_at)
     values ($1, $2, $3, $4, '', false, $5) on conflict (type) do nothing`,
    [entry.type, entry.group, entry.name, entry.description, at],
  );
  if (rowCount) await auditCatalogChange(tx, meta, type, null, entry, at);
}

const sameEntry = (a: EventType, b: EventType) =>
  a.group === b.group && a.name === b.name && a.description === b.description && a.schemaJson === b.schemaJson && a.schemaMode === b.schemaMode;

async function currentEntries(em: EntityManager, types: string[]): Promise<Map<string, EventType>> {
  const found = types.length === 0 ? [] : await em.find(EventTypeEntity, { type: { $in: types } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  return new Map(found.map((r) => [r.type, toEventType(r)]));
}

/**
 * At start: the built-in operational types, then the operator's catalog file. A file entry whose
 * schema would refuse data the current version accepts stops the start unless it says `breaking: true`.
 */
export async function seedCatalog(deps: RegistryDeps, fileEntries: CatalogFileEntry[]): Promise<void> {
  for (const entry of fileEntries) {
    if (isReservedType(entry.type)) throw new Error(`event catalog: type ${entry.type} is reserved for built-in types`);
  }
  const now = deps.clock();
  // A type listed again replaces the earlier entry.
  const byType = new Map<string, { entry: EventTypeDeclaration; builtin: boolean; breaking: boolean }>();
  // The platform's own types change with the platform: their new schemas are taken as they are.
  for (const entry of BUILTIN_EVENT_TYPES) byType.set(entry.type, { entry, builtin: true, breaking: true });
  for (const { breaking, ...entry } of fileEntries) byType.set(entry.type, { entry, builtin: false, breaking });
  await inTransaction(deps, async (tx) => {
    const before = await currentEntries(tx.em, [...byType.keys()]);
    for (const { entry, builtin, breaking } of byType.values()) {
      const previous = before.get(entry.type) ?? null;
      let schemaVersion: number;
      try {
        schemaVersion = await assignSchemaVersion(tx, previous, entry, breaking, now);
      } catch (error) {
        throw new Error(`HOOKLINE_EVENT_CATALOG: ${(error as Error).message.replace('send "breaking": true', 'mark the entry breaking: true')}`, { cause: error });
      }
      const record = toRecord({ ...entry, schemaVersion }, builtin, now);
      await tx.em.upsert(EventTypeEntity, record);
      if (!builtin) await auditCatalogChange(tx, CATALOG_FILE, record.type, previous, toEventType(record), now);
    }
  });
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
  if (groups.length > 0) {
    // One read for every group named: the catalog's members of those groups or under those prefixes.
    const members = await em.find(
      EventTypeEntity,
      { $or: [{ group: { $in: groups } }, ...groups.map((g) => ({ type: { $like: `${escapeLike(g)}.%` } }))] },
      { fields: ['type', 'group'] },
    );
    for (const group of groups) {
      if (members.some((m) => m.group === group || m.type.startsWith(`${group}.`))) known.add(`${group}.*`);
    }
  }
  return entries.filter((t) => !known.has(t));
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Declares or replaces a type (the operator only: see the policy table); audited when it changes
 * anything. A changed schema becomes a new version, refused when breaking unless `breaking`.
 */
export async function registerEventType(
  deps: RegistryDeps,
  meta: RequestMeta,
  input: { type: string; group: string; name: string; description: string; schemaJson: string; schemaMode: string; breaking: boolean },
): Promise<EventType> {
  const declared = validateEventType({ ...input, schema: input.schemaJson, schema_mode: input.schemaMode });
  if (isReservedType(declared.type)) {
    throw new InputError('hookline.* types are built in', { code: 'event_type_reserved', param: 'type' });
  }
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const before = (await currentEntries(tx.em, [declared.type])).get(declared.type) ?? null;
    const entry: EventType = { ...declared, schemaVersion: await assignSchemaVersion(tx, before, declared, input.breaking, now) };
    await tx.em.upsert(EventTypeEntity, toRecord(entry, false, now));
    await auditCatalogChange(tx, meta, entry.type, before, entry, now);
    return entry;
  });
}

export async function deleteEventType(deps: RegistryDeps, meta: RequestMeta, type: string): Promise<void> {
  if (isReservedType(type)) throw new InputError('hookline.* types are built in', { code: 'event_type_reserved', param: 'type' });
  const now = deps.clock();
  await inTransaction(deps, async (tx) => {
    const before = (await currentEntries(tx.em, [type])).get(type);
    const deleted = await tx.em.nativeDelete(EventTypeEntity, { type, builtin: false });
    if (deleted === 0 || !before) throw new NotFoundError(`event type ${type} not found`);
    await auditCatalogChange(tx, meta, type, before, null, now);
  });
}
