import { listBody, listSchema } from '../http/pagination';
import { defineRoute } from '../http/route';
import { eventTypeJson, eventTypeSchema } from './event-type-json';

export const eventTypeRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/webhooks/event-types',
    summary: 'The event type catalog',
    description: 'Every event type a webhook may subscribe to, operational `hookline.*` types included.',
    action: 'event_type.list',
    resourceType: 'event_type',
    auth: 'api_key',
    role: 'viewer',
    responses: { 200: { description: 'Every event type (one page).', schema: listSchema(eventTypeSchema) } },
    handler: async ({ clients }) => {
      const response = await clients.registry.listEventTypes({});
      return { status: 200, body: listBody(response.eventTypes.map(eventTypeJson)) };
    },
  }),
];
