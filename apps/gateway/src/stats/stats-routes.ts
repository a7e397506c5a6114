import { parseInterval, parseTimestamp } from '@hookline/contract';
import { z } from '@hookline/config';
import { InputError } from '@hookline/errors';
import type { dispatcherV1 } from '@hookline/proto';
import type { Actor } from '../auth/actor';
import type { BackendClients } from '../clients';
import type { RequestCall } from '../http/request-call';
import { defineRoute } from '../http/route';
import { int32 } from '../http/integers';
import { timestampParam } from '../http/timestamp-param';

const statsQuery = z.strictObject({
  from: timestampParam().optional().describe('RFC 3339, inclusive; default `to` minus 24 h.'),
  to: timestampParam().optional().describe('RFC 3339, exclusive; default now.'),
  interval: z
    .string()
    .refine((text) => parseInterval(text) !== undefined, 'must be a number and a unit (s, m, h, d) from 1s to 366d, e.g. 5m or 1h')
    .optional()
    .describe('Bucket width, e.g. `5m`, `1h`, `1d` (1 s to 366 d); default `1h`. At most 1000 buckets per window.'),
});

const bucketSchema = z.object({
  start: z.string(),
  delivered: int32(),
  failed: int32(),
  pending: int32(),
  attempts: int32(),
  latency_p50_ms: z.number().nullable().describe('null when no attempt started in the bucket.'),
  latency_p95_ms: z.number().nullable(),
}).meta({ id: 'StatsBucket' });

const statsSchema = z.object({
  object: z.literal('delivery_stats'),
  webhook_id: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  interval_seconds: int32(),
  total: bucketSchema.omit({ start: true }),
  buckets: z.array(bucketSchema).describe('Every bucket of the window, oldest first: deliveries created in it by status now; attempts started in it.'),
}).meta({ id: 'Stats' });

function time(value: string | undefined, fallback: Date, param: string): Date {
  if (value === undefined) return fallback;
  const parsed = parseTimestamp(value);
  if (!parsed) throw new InputError(`${param} must be an RFC 3339 timestamp, years 1970–9999`, { code: 'timestamp_invalid', param });
  return parsed;
}

const bucketJson = (b: dispatcherV1.DeliveryStatsBucket | undefined) => ({
  delivered: b?.delivered ?? 0,
  failed: b?.failed ?? 0,
  pending: b?.pending ?? 0,
  attempts: b?.attempts ?? 0,
  latency_p50_ms: b?.attempts ? b.latencyP50Ms : null,
  latency_p95_ms: b?.attempts ? b.latencyP95Ms : null,
});

async function stats(clients: BackendClients, call: RequestCall, context: never, actor: Actor, query: z.infer<typeof statsQuery>, webhookId: string) {
  const to = time(query.to, new Date(), 'to');
  const from = time(query.from, new Date(to.getTime() - 86_400_000), 'from');
  const intervalSeconds = parseInterval(query.interval ?? '1h') as number;
  const answer = await clients.dispatcher.getDeliveryStats(
    { context, orgId: actor.orgId, webhookId, from: from.toISOString(), to: to.toISOString(), intervalSeconds },
    call,
  );
  return {
    status: 200,
    body: {
      object: 'delivery_stats' as const,
      webhook_id: webhookId || null,
      from: from.toISOString(),
      to: to.toISOString(),
      interval_seconds: intervalSeconds,
      total: bucketJson(answer.total),
      buckets: answer.buckets.map((b) => ({ start: b.start, ...bucketJson(b) })),
    },
  };
}

const errorCodes = { interval: 'interval_invalid', from: 'timestamp_invalid', to: 'timestamp_invalid' };

export const statsRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/stats',
    summary: 'Delivery statistics of the organization',
    description: 'Deliveries by outcome per time bucket and attempt latency percentiles (p50, p95), over every webhook.',
    action: 'stats.read',
    resourceType: 'stats',
    auth: 'api_key',
    role: 'viewer',
    feature: 'webhooks',
    query: statsQuery,
    errorCodes,
    responses: { 200: { description: 'The statistics.', schema: statsSchema } },
    handler: ({ query, context, clients, actor, call }) => stats(clients, call, context as never, actor, query, ''),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/webhooks/:id/stats',
    summary: 'Delivery statistics of a webhook',
    description: 'Deliveries by outcome per time bucket and attempt latency percentiles (p50, p95) of one webhook.',
    action: 'webhook.stats',
    resourceType: 'webhook',
    auth: 'api_key',
    role: 'viewer',
    feature: 'webhooks',
    params: z.strictObject({ id: z.string() }),
    query: statsQuery,
    errorCodes,
    responses: { 200: { description: 'The statistics.', schema: statsSchema } },
    handler: async ({ params, query, context, clients, actor, call }) => {
      // Another org's webhook (or none) answers 404, as everywhere.
      await clients.registry.getWebhook({ context, webhookId: params.id, orgId: '' }, call);
      return stats(clients, call, context as never, actor, query, params.id);
    },
  }),
];
