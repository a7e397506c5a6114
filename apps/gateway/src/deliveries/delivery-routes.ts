import { z } from '@hookline/config';
import { listBody, listSchema, pageQueryFields, pageRequest } from '../http/pagination';
import { defineRoute } from '../http/route';
import { timestampParam } from '../http/timestamp-param';
import { attemptJson, deliveryJson, deliverySchema, deliveryWithAttemptsSchema } from './delivery-json';

// Above the dispatcher's publish deadline towards ingestion (5 s), so a slow Kafka arrives as 503.
const TEST_EVENT_DEADLINE_MS = 10_000;

const rfc3339 = timestampParam();
const id = (description: string) => z.string().min(1).max(100).describe(description);

const deliveryParams = z.strictObject({ id: id('`del_…`') });
const webhookParams = z.strictObject({ id: id('`wh_…`') });

const listQuery = z.strictObject({
  ...pageQueryFields,
  webhook_id: id('Only deliveries to this webhook (`wh_…`).').optional(),
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  event_type: z.string().min(1).max(200).optional().describe('Only deliveries of this event type.'),
  created_after: rfc3339.optional().describe('RFC 3339; deliveries created strictly after.'),
  created_before: rfc3339.optional().describe('RFC 3339; deliveries created strictly before.'),
  is_test: z.enum(['true', 'false']).optional(),
});

const recoverBody = z.strictObject({
  since: rfc3339.describe('RFC 3339; failed deliveries created at or after this time are re-queued.'),
  until: rfc3339.optional().describe('RFC 3339, exclusive; default now.'),
});

const testBody = z.strictObject({
  event_type: z.string().min(1).max(200).optional().describe('A type from the catalog; default `hookline.test`.'),
  data: z.record(z.string(), z.unknown()).optional().describe('The event data (a JSON object); default a small sample.'),
});

const retrySchema = z.object({ object: z.literal('webhook_event_retry'), status: z.literal('queued'), webhook_event_id: z.string() }).meta({ id: 'DeliveryRetry' });
const recoverySchema = z.object({
  object: z.literal('webhook_recovery'),
  id: z.string().describe('`rcv_…`: the background job re-queueing the failed deliveries.'),
  webhook_id: z.string(),
  status: z.literal('queued'),
}).meta({ id: 'Recovery' });

/** The deliveries API (`/v1/webhooks/events…`, recover, test): the dispatcher owns the data. */
export const deliveryRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/webhooks/events',
    summary: 'List deliveries',
    description: 'Deliveries (one per event × webhook), newest first, with cursor pages.',
    action: 'delivery.list',
    resourceType: 'delivery',
    auth: 'api_key',
    role: 'viewer',
    feature: 'deliveries',
    query: listQuery,
    errorCodes: { status: 'status_invalid', created_after: 'created_after_invalid', created_before: 'created_before_invalid' },
    responses: { 200: { description: 'A page of deliveries.', schema: listSchema(deliverySchema) } },
    handler: async ({ query, actor, context, clients, call }) => {
      const page = await clients.dispatcher.listDeliveries(
        {
          context,
          orgId: actor.orgId,
          page: pageRequest(query),
          webhookId: query.webhook_id ?? '',
          status: query.status ?? '',
          eventType: query.event_type ?? '',
          createdAfter: query.created_after ?? '',
          createdBefore: query.created_before ?? '',
          isTest: query.is_test === undefined ? undefined : query.is_test === 'true',
        },
        call,
      );
      return { status: 200, body: listBody(page.deliveries.map(deliveryJson), page.page) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/webhooks/events/:id',
    summary: 'Retrieve a delivery',
    description: 'One delivery with every attempt (oldest first): response status, headers, body, duration and error.',
    action: 'delivery.get',
    resourceType: 'delivery',
    auth: 'api_key',
    role: 'viewer',
    feature: 'deliveries',
    params: deliveryParams,
    responses: { 200: { description: 'The delivery and its attempts.', schema: deliveryWithAttemptsSchema } },
    handler: async ({ params, actor, context, clients, call }) => {
      const found = await clients.dispatcher.getDelivery({ context, orgId: actor.orgId, deliveryId: params.id }, call);
      return { status: 200, body: { ...deliveryJson(found.delivery!), attempts: found.attempts.map(attemptJson) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/webhooks/events/:id/retry',
    summary: 'Retry a delivery',
    description: 'Sends the delivery again now, whatever its status, with the same `webhook-id`. A manual retry that fails is not retried automatically.',
    action: 'delivery.retry',
    resourceType: 'delivery',
    auth: 'api_key',
    role: 'developer',
    feature: 'deliveries',
    params: deliveryParams,
    responses: { 202: { description: 'Queued.', schema: retrySchema } },
    handler: async ({ params, actor, context, clients, call }) => {
      await clients.dispatcher.retryDelivery({ context, orgId: actor.orgId, deliveryId: params.id }, call);
      return { status: 202, body: { object: 'webhook_event_retry', status: 'queued', webhook_event_id: params.id } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/webhooks/:id/recover',
    summary: 'Recover failed deliveries',
    description: 'Re-queues, in the background, every failed delivery of the webhook created in `[since, until)`.',
    action: 'webhook.recover',
    resourceType: 'webhook',
    auth: 'api_key',
    role: 'developer',
    feature: 'deliveries',
    params: webhookParams,
    body: recoverBody,
    errorCodes: { since: 'since_invalid', until: 'until_invalid' },
    responses: { 202: { description: 'The recovery job was started.', schema: recoverySchema } },
    handler: async ({ params, body, actor, context, clients, call }) => {
      const job = await clients.dispatcher.recoverWebhook(
        { context, orgId: actor.orgId, webhookId: params.id, since: body.since, until: body.until ?? '' },
        call,
      );
      return { status: 202, body: { object: 'webhook_recovery', id: job.jobId, webhook_id: params.id, status: 'queued' } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/webhooks/:id/test',
    summary: 'Send a test event',
    description: 'Publishes an event with `is_test: true` that is delivered to this webhook only, like any other event.',
    action: 'webhook.test',
    resourceType: 'webhook',
    auth: 'api_key',
    role: 'developer',
    feature: 'webhooks',
    params: webhookParams,
    body: testBody,
    errorCodes: { event_type: 'unknown_event_type', data: 'invalid_data' },
    responses: { 202: { description: 'The test delivery, queued.', schema: deliverySchema } },
    handler: async ({ params, body, actor, context, clients, call }) => {
      const sent = await clients.dispatcher.sendTestEvent(
        {
          context,
          orgId: actor.orgId,
          webhookId: params.id,
          eventType: body.event_type ?? '',
          dataJson: body.data === undefined ? '' : JSON.stringify(body.data),
        },
        { ...call, deadlineMs: TEST_EVENT_DEADLINE_MS },
      );
      return { status: 202, body: deliveryJson(sent.delivery!) };
    },
  }),
];
