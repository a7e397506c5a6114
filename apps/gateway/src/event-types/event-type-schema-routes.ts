import { z } from '@hookline/config';
import { pageOfAll } from '../http/page-of-all';
import { listSchema, pageQueryFields } from '../http/pagination';
import { defineRoute } from '../http/route';
import { eventTypeSchemaVersionJson, eventTypeSchemaVersionSchema } from './event-type-json';

/** Sorts versions newest first as strings: pageOfAll orders by key. */
const NEWEST_FIRST = (v: { version: number }) => String(2 ** 31 - v.version).padStart(10, '0');

// Operator endpoints (Authorization: Bearer <HOOKLINE_OPERATOR_KEY>).
export const eventTypeSchemaRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/admin/event-types/:type/schemas',
    summary: "List an event type's schema versions",
    description: 'Every version of the type\'s data schema, newest first; `current` marks the one publishing checks against.',
    action: 'admin.event_type.schemas.list',
    resourceType: 'event_type',
    auth: 'operator',
    params: z.strictObject({ type: z.string().min(1).max(100) }),
    query: z.strictObject(pageQueryFields),
    responses: { 200: { description: 'A page of schema versions, newest first.', schema: listSchema(eventTypeSchemaVersionSchema) } },
    handler: async ({ params, query, context, clients, call }) => {
      const response = await clients.registry.listEventTypeSchemas({ context, type: params.type }, call);
      return { status: 200, body: pageOfAll(response.versions.map(eventTypeSchemaVersionJson), query, NEWEST_FIRST) };
    },
  }),
];
