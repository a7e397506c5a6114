import { z } from 'zod';
import { payloadFilterSchema } from '../payload-filter/filter-bodies';
import { webhookRules as rule } from './webhook-rules';

// The REST request bodies of the webhook routes, composed from the rules. Strict objects: an
// unknown field is refused by name.

export const endpointAuthSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('none') }),
    z.strictObject({ type: z.literal('api_key'), header_name: rule['auth.header_name'].schema, value: rule['auth.value'].schema }),
    z.strictObject({ type: z.literal('basic'), username: rule['auth.username'].schema, password: rule['auth.password'].schema }),
    z.strictObject({
      type: z.literal('oauth2'),
      token_url: rule['auth.token_url'].schema,
      client_id: rule['auth.client_id'].schema,
      client_secret: rule['auth.client_secret'].schema,
      scope: rule['auth.scope'].schema.optional(),
      audience: rule['auth.audience'].schema.optional(),
      client_auth_method: rule['auth.client_auth_method'].schema
        .optional()
        .describe(
          'How the client authenticates to the token endpoint (RFC 6749 §2.3.1). `auto` (default): HTTP Basic, then the form body if the server answers invalid_client or invalid_request; the method that worked is remembered. `both` sends both at once, which strict servers refuse.',
        ),
    }),
  ])
  .describe('How Hookline authenticates to the endpoint. Credentials are never returned.');

export const createWebhookBody = z.strictObject({
  name: rule.name.schema,
  url: rule.url.schema,
  description: rule.description.schema.optional(),
  event_types: rule.event_types.schema.optional(),
  auth: endpointAuthSchema.optional(),
  rate_limit_rps: rule.rate_limit_rps.schema.optional(),
  timeout_seconds: rule.timeout_seconds.schema.optional(),
  payload: rule.payload.schema.describe('`thin` omits `data` (default `full`).').optional(),
  signature_scheme: rule.signature_scheme.schema.optional().describe('Default `hmac-sha256`.'),
  retry_schedule_seconds: rule.retry_schedule_seconds.schema.optional(),
  ordering: rule.ordering.schema.describe('Default `unordered`.').optional(),
  filter: payloadFilterSchema.optional().describe('Only events the filter accepts are delivered; omit for every event of the event types.'),
});

export const updateWebhookBody = z.strictObject({
  name: rule.name.schema.optional(),
  description: rule.description.schema.nullable().optional().describe('null clears it.'),
  url: rule.url.schema.optional(),
  event_types: rule.event_types.schema.nullable().optional().describe('null = every event type.'),
  auth: endpointAuthSchema.optional().describe('Replaces the endpoint authentication entirely.'),
  status: rule.status.schema.optional(),
  rate_limit_rps: rule.rate_limit_rps.schema.optional(),
  timeout_seconds: rule.timeout_seconds.schema.optional(),
  payload: rule.payload.schema.describe('`thin` omits `data` (default `full`).').optional(),
  retry_schedule_seconds: rule.retry_schedule_seconds.schema.nullable().optional().describe('null = the platform default.'),
  ordering: rule.ordering.schema.describe('Default `unordered`.').optional(),
  filter: payloadFilterSchema.nullable().optional().describe('Replaces the payload filter; null removes it.'),
});

export type EndpointAuthBody = z.output<typeof endpointAuthSchema>;
export type CreateWebhookBody = z.output<typeof createWebhookBody>;
export type UpdateWebhookBody = z.output<typeof updateWebhookBody>;
