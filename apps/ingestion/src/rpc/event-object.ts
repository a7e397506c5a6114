import type { ingestionV1 } from '@hookline/proto';
import type { Event } from '../events/event';

export function toEventObject(event: Event): ingestionV1.EventObject {
  return {
    id: event.id,
    orgId: event.orgId,
    type: event.type,
    source: event.source,
    time: event.time,
    isTest: event.isTest,
    dataJson: event.dataJson,
  };
}
