import { z } from '@hookline/config';
import { listBody, listSchema, pageQueryFields } from '../http/pagination';
import { defineRoute } from '../http/route';
import { timestampParam } from '../http/timestamp-param';
import { eventJson, eventSchema } from './event-json';

// Above ingestion's produce timeout (5 s), so a Kafka outage arrives as 503, not as a deadline.
const PUBLISH_DEADLINE_MS = 10_000;

const eventParams = z.strictObject({ id: z.string().min(1).max(100).describe('`evt_…`') });
const rfc3339 = timestampParam();

const publishBody = z.strictObject({
  type: z.string().min(1).max(200).describe('A type from the catalog (`GET /v1/webhooks/event-types`).'),
  data: z.record(z.string(), z.unknown()).describe('The event data: a JSON object, at most 256 KiB encoded.'),
  is_test: z.boolean().optional(),
});

const listQuery = z.strictObject({
  ...pageQueryFields,
  type: z
    .union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).max(50)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .describe('Only these types; repeat the parameter for several.'),
  created_after: rfc3339.optional().describe('RFC 3339; events strictly after.'),
  created_before: rfc3339.optional().describe('RFC 3339; events strictly before.'),
  is_test: z.enum(['true', 'false']).optional(),
});

export const eventRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/events',
    summary: 'Publish an event',
    description: [
      'Answers 201 once the event is stored in Kafka; 503 when it could not be stored.',
      '',
      'Always send an `Idempotency-Key` (1–255 printable ASCII, one per event you mean to publish). The key is bound to its event — id and time — before anything is stored, for 24 h, whatever happens to the request. Retry with the **same key and body** every 429, 503 and 504, every 409 `idempotency_key_in_use` / `idempotency_key_in_flight` (an earlier try with this key is still running), after its `Retry-After`, and every timeout or dropped connection: the retry answers 201 with the same event (same `id`), never a second event — also when the first try was answered 503 or timed out but was stored after all. Receivers get that event once per webhook.',
      '',
      'The same key with a different body answers 409 `idempotency_key_reused`.',
      '',
      "When the type's schema mode is `enforce`, `data` that does not match the type's schema answers 422 `schema_violation`: `param` is the JSON pointer that failed (e.g. `/data/amount`), the message names the rule (e.g. `minimum`). Do not retry it unchanged.",
    ].join('\n'),
    action: 'event.publish',
    resourceType: 'event',
    auth: 'api_key',
    role: 'developer',
    feature: 'events',
    body: publishBody,
    errorCodes: { data: 'invalid_data', type: 'unknown_event_type' },
    responses: {
      201: { description: 'Published.', schema: eventSchema },
      422: { description: "`schema_violation`: `data` does not match the type's schema (mode `enforce`); `param` is the JSON pointer that failed." },
    },
    handler: async ({ body, actor, clients, req, call }) => {
      const { event } = await clients.ingestion.publish(
        {
          orgId: actor.orgId,
          type: body.type,
          dataJson: JSON.stringify(body.data),
          idempotencyKey: req.get('idempotency-key') ?? '',
          isTest: body.is_test ?? false,
          targetWebhookId: '',
        },
        { ...call, deadlineMs: PUBLISH_DEADLINE_MS },
      );
      return { status: 201, body: eventJson(event!) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/events/:id',
    summary: 'Retrieve an event',
    description: 'The full event object; receivers of thin payloads fetch `data` here.',
    action: 'event.get',
    resourceType: 'event',
    auth: 'api_key',
    role: 'viewer',
    feature: 'events',
    params: eventParams,
    responses: { 200: { description: 'The event.', schema: eventSchema } },
    handler: async ({ params, actor, clients, call }) => {
      const event = await clients.ingestion.getEvent({ orgId: actor.orgId, eventId: params.id }, call);
      return { status: 200, body: eventJson(event) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/events',
    summary: 'List events',
    description: 'Newest first. Cursor pages stay stable while new events arrive.',
    action: 'event.list',
    resourceType: 'event',
    auth: 'api_key',
    role: 'viewer',
    feature: 'events',
    query: listQuery,
    responses: { 200: { description: 'A page of events.', schema: listSchema(eventSchema) } },
    handler: async ({ query, actor, clients, call }) => {
      const page = await clients.ingestion.listEvents(
        {
          orgId: actor.orgId,
          limit: query.limit,
          cursor: query.cursor ?? '',
          types: query.type,
          createdAfter: query.created_after ?? '',
          createdBefore: query.created_before ?? '',
          isTest: query.is_test === undefined ? undefined : query.is_test === 'true',
        },
        call,
      );
      return { status: 200, body: listBody(page.events.map(eventJson), { nextCursor: page.nextCursor, prevCursor: page.prevCursor }) };
    },
  }),
];
