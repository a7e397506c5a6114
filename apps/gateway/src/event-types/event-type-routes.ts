import { z } from '@hookline/config';
import { pageOfAll } from '../http/page-of-all';
import { listSchema, pageQueryFields } from '../http/pagination';
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
    feature: 'webhooks',
    lastKnownWhileUnavailable: true,
    query: z.strictObject(pageQueryFields),
    responses: { 200: { description: 'A page of event types, ordered by type.', schema: listSchema(eventTypeSchema) } },
    handler: async ({ query, clients, call }) => {
      const response = await clients.registry.listEventTypes({}, call);
      return { status: 200, body: pageOfAll(response.eventTypes.map(eventTypeJson), query, (t) => t.type) };
    },
  }),
];
