import { PAGE_LIMIT, parseTimestamp, requirePageLimit } from '@hookline/contract';
import { InputError } from '@hookline/errors';
import { decodeCursor, encodeCursor, isTimeIdKey } from '@hookline/ids';
import type { EventArchive } from '../db/event-archive';
import type { Event } from '../events/event';

export interface ListEventsQuery {
  orgId: string;
  limit?: number;
  cursor?: string;
  types: string[];
  createdAfter?: string;
  createdBefore?: string;
  isTest?: boolean;
}

export interface EventPage {
  /** Newest first. */
  events: Event[];
  nextCursor?: string;
  prevCursor?: string;
}

export const DEFAULT_PAGE_SIZE = PAGE_LIMIT.default;
export const MAX_PAGE_SIZE = PAGE_LIMIT.max;

function timeBound(value: string | undefined, param: string): string | undefined {
  if (!value) return undefined;
  const time = parseTimestamp(value);
  if (!time) throw new InputError(`${param} must be an RFC 3339 time`, { param, code: 'invalid_time' });
  return time.toISOString();
}

/**
 * One page of an org's events, newest first. Pages are keyset ranges on (time, id), so events
 * arriving while a client pages never cause duplicates or gaps.
 */
export async function listEvents(archive: EventArchive, query: ListEventsQuery): Promise<EventPage> {
  const limit = requirePageLimit(query.limit ?? 0);
  const cursor = query.cursor ? decodeCursor(query.cursor, isTimeIdKey) : undefined;
  const rows = await archive.query({
    orgId: query.orgId,
    types: query.types,
    createdAfter: timeBound(query.createdAfter, 'created_after'),
    createdBefore: timeBound(query.createdBefore, 'created_before'),
    isTest: query.isTest,
    from: cursor && { position: { time: cursor.key[0], id: cursor.key[1] }, direction: cursor.direction === 'next' ? 'older' : 'newer' },
    limit: limit + 1,
  });
  // One row beyond the page says whether more exist in the direction of travel.
  const more = rows.length > limit;
  const events = cursor?.direction === 'prev' ? rows.slice(rows.length - Math.min(rows.length, limit)) : rows.slice(0, limit);
  if (events.length === 0) return { events };
  const first = events[0];
  const last = events[events.length - 1];
  const hasOlder = cursor?.direction === 'prev' ? true : more;
  const hasNewer = cursor?.direction === 'prev' ? more : cursor !== undefined;
  return {
    events,
    nextCursor: hasOlder ? encodeCursor({ direction: 'next', key: [last.time, last.id] }) : undefined,
    prevCursor: hasNewer ? encodeCursor({ direction: 'prev', key: [first.time, first.id] }) : undefined,
  };
}
