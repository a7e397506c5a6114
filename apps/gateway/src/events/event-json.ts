import { z } from '@hookline/config';
import type { ingestionV1 } from '@hookline/proto';

export const eventSchema = z.object({
  id: z.string().describe('`evt_…`, sortable by time'),
  object: z.literal('event'),
  type: z.string().describe('e.g. `transfer.completed`'),
  source: z.string(),
  time: z.string().describe('RFC 3339, UTC: when Hookline accepted the event'),
  is_test: z.boolean(),
  data: z.record(z.string(), z.unknown()),
}).meta({ id: 'Event' });

/** The public event object (DESIGN §3 envelope, always with `data`). */
export function eventJson(event: ingestionV1.EventObject): z.infer<typeof eventSchema> {
  return {
    id: event.id,
    object: 'event',
    type: event.type,
    source: event.source,
    time: event.time,
    is_test: event.isTest,
    data: JSON.parse(event.dataJson) as Record<string, unknown>,
  };
}
