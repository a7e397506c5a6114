import { InputError, NotFoundError } from '@hookline/errors';
import type { ingestionV1 } from '@hookline/proto';
import type { EventArchive } from '../db/event-archive';
import { listEvents } from '../query/list-events';
import { toEventObject } from './event-object';

/** The most ids one GetEventEnvelopes may ask for (the dispatcher asks a claim batch at a time). */
export const MAX_ENVELOPE_IDS = 500;
const DAY_MS = 86_400_000;
/** Longer than any id ingestion issues (`evt_` + 26 characters). */
const MAX_EVENT_ID_LENGTH = 100;

export function eventsRpc(archive: EventArchive, retention: { retentionDays: number; now?: () => number }) {
  const now = retention.now ?? Date.now;
  return {
    async getEvent(request: ingestionV1.GetEventRequest): Promise<ingestionV1.EventObject> {
      // Scoped to the org: another org's event is indistinguishable from a missing one.
      const event = request.orgId && request.eventId ? await archive.find(request.orgId, request.eventId) : undefined;
      if (!event) throw new NotFoundError(`event ${request.eventId} not found`, { param: 'id' });
      return toEventObject(event);
    },

    async listEvents(request: ingestionV1.ListEventsRequest): Promise<ingestionV1.ListEventsResponse> {
      const page = await listEvents(archive, {
        orgId: request.orgId,
        limit: request.limit,
        cursor: request.cursor || undefined,
        types: request.types,
        createdAfter: request.createdAfter || undefined,
        createdBefore: request.createdBefore || undefined,
        isTest: request.isTest,
      });
      return { events: page.events.map(toEventObject), nextCursor: page.nextCursor ?? '', prevCursor: page.prevCursor ?? '' };
    },

    /**
     * Every org's event bodies, for the dispatcher alone (the policy table): the service that
     * delivers, acting as itself. Ids not archived are left out; `retained_since` tells the
     * caller whether such an id is still to come or gone.
     */
    async getEventEnvelopes(request: ingestionV1.GetEventEnvelopesRequest): Promise<ingestionV1.GetEventEnvelopesResponse> {
      const ids = [...new Set(request.eventIds)];
      if (ids.length === 0 || ids.length > MAX_ENVELOPE_IDS) {
        throw new InputError(`event_ids must hold 1 to ${MAX_ENVELOPE_IDS} ids`, { param: 'event_ids' });
      }
      // Computed before the read: an event absent from the answer and published after this was
      // not yet deleted by retention when the read ran.
      const retainedSince = new Date(now() - retention.retentionDays * DAY_MS).toISOString();
      // An id no event can have (empty or too long) is left out like any id not archived, rather
      // than refusing the batch: one poison row must not hold back the others. (NUL and lone
      // surrogates never get here: the gRPC boundary refuses them for every method.)
      const events = await archive.findMany(ids.filter((id) => id.length > 0 && id.length <= MAX_EVENT_ID_LENGTH));
      return { events: events.map(toEventObject), retainedSince };
    },
  };
}
