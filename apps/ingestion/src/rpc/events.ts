import { NotFoundError } from '@hookline/errors';
import type { ingestionV1 } from '@hookline/proto';
import type { EventArchive } from '../db/event-archive';
import { listEvents } from '../query/list-events';
import { toEventObject } from './event-object';

export function eventsRpc(archive: EventArchive) {
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
  };
}
