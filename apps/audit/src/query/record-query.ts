import { parseTimestamp, requirePageLimit } from '@hookline/contract';
import { InputError } from '@hookline/errors';
import { decodeCursor as decodePageCursor, encodeCursor as encodePageCursor, type CursorDirection } from '@hookline/ids';

/** Which of an org's records a list or export asks for. */
export interface RecordFilter {
  orgId: string;
  actor?: string;
  actionPrefix?: string;
  resourceId?: string;
  outcome?: string;
  kind?: string;
  createdAfter?: Date;
  createdBefore?: Date;
}

export function parseTime(value: string, param: string): Date | undefined {
  if (!value) return undefined;
  const time = parseTimestamp(value);
  if (!time) {
    throw new InputError(`${param} must be an RFC 3339 timestamp`, { code: 'invalid_timestamp', param });
  }
  return time;
}

/** SQL conditions (and their parameters) for a filter; `$n` numbering continues from `params`. */
export function filterConditions(filter: RecordFilter, params: unknown[]): string[] {
  if (!filter.orgId) throw new InputError('org_id is required', { code: 'org_id_required', param: 'org_id' });
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [`org_id = ${bind(filter.orgId)}`];
  if (filter.actor) {
    const actor = bind(filter.actor);
    where.push(`(actor_key_id = ${actor} or actor_owner = ${actor} or actor_kind = ${actor})`);
  }
  if (filter.actionPrefix) where.push(`starts_with(action, ${bind(filter.actionPrefix)})`);
  if (filter.resourceId) where.push(`resource_id = ${bind(filter.resourceId)}`);
  if (filter.outcome) where.push(`outcome = ${bind(filter.outcome)}`);
  if (filter.kind) where.push(`kind = ${bind(filter.kind)}`);
  if (filter.createdAfter) where.push(`occurred_at >= ${bind(filter.createdAfter)}`);
  if (filter.createdBefore) where.push(`occurred_at < ${bind(filter.createdBefore)}`);
  return where;
}

export interface Cursor {
  direction: CursorDirection;
  sequence: number;
}

export function encodeCursor(cursor: Cursor): string {
  return encodePageCursor({ direction: cursor.direction, key: [cursor.sequence] });
}

const isSequenceKey = (key: readonly unknown[]): key is readonly [number] => key.length === 1 && Number.isSafeInteger(key[0]) && (key[0] as number) >= 0;

/** The cursor a page starts from; undefined for the first page. */
export function decodeCursor(raw: string): Cursor | undefined {
  if (!raw) return undefined;
  const { direction, key } = decodePageCursor(raw, isSequenceKey);
  return { direction, sequence: key[0] };
}

export function pageLimit(limit: number, max: number, fallback: number): number {
  if (!limit) return fallback;
  const checked = requirePageLimit(limit, max);
  return checked;
}
