import { z } from '@hookline/config';
import type { registryV1 } from '@hookline/proto';

// Request bodies of the webhook routes. Strict objects: an unknown field is refused by name.
// Bounds a client can check itself are declared here (and so documented in /openapi.json);
// rules needing state or DNS (unique names, known event types, public URLs, reserved headers)
// are the registry's.

const name = z.string().min(5).max(100).describe('Unique in the organization, 5–100 characters.');
const description = z.string().min(5).max(100).describe('5–100 characters.');
const url = z.string().max(2048).describe('https URL of the endpoint, at most 2048 characters; must not resolve to a non-public address.');
const eventTypes = z.array(z.string().min(1).max(100)).min(1).max(500).describe('Event types to receive; omit for every type.');
const headerToken = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** RFC 9110 field-value: visible Latin-1 characters, inner spaces and tabs; no CR, LF, NUL. */
const headerFieldValue = /^[\x21-\x7e\x80-\xff](?:[\t\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?$/;

export const endpointAuthSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('none') }),
    z.strictObject({
      type: z.literal('api_key'),
      header_name: z.string().regex(headerToken, 'must be a valid HTTP header name').describe('Not a reserved header (host, content-type, webhook-*, …).'),
      value: z
        .string()
        .min(1)
        .max(4096)
        .regex(headerFieldValue, 'must be a valid HTTP header value')
        .describe('Sent as the header value: visible Latin-1 characters (RFC 9110 field value), no control characters.'),
    }),
    z.strictObject({ type: z.literal('basic'), username: z.string().min(1).max(200), password: z.string().min(1).max(1000) }),
    z.strictObject({
      type: z.literal('oauth2'),
      token_url: z.string().max(2048),
      client_id: z.string().min(1).max(4096),
      client_secret: z.string().min(1).max(4096),
      scope: z.string().max(4096).optional(),
      audience: z.string().max(4096).optional(),
      client_auth_method: z
        .enum(['auto', 'client_secret_basic', 'client_secret_post', 'both'])
        .optional()
        .describe(
          'How the client authenticates to the token endpoint (RFC 6749 §2.3.1). `auto` (default): HTTP Basic, then the form body if the server answers invalid_client or invalid_request; the method that worked is remembered. `both` sends both at once, which strict servers refuse.',
        ),
    }),
  ])
  .describe('How Hookline authenticates to the endpoint. Credentials are never returned.');

const deliveryFields = {
  rate_limit_rps: z.number().int().min(1).max(100).describe('Deliveries per second, 1–100 (default 10).'),
  timeout_seconds: z.number().int().min(1).max(30).describe('1–30 (default 15).'),
  payload: z.enum(['full', 'thin']).describe('`thin` omits `data` (default `full`).'),
  retry_schedule_seconds: z.array(z.number().int().min(1).max(86_400)).max(20).describe('Delays after each failed attempt; [] = the platform default.'),
  ordering: z.enum(['unordered', 'fifo']).describe('Default `unordered`.'),
};

export const createWebhookBody = z.strictObject({
  name,
  url,
  description: description.optional(),
  event_types: eventTypes.optional(),
  auth: endpointAuthSchema.optional(),
  rate_limit_rps: deliveryFields.rate_limit_rps.optional(),
  timeout_seconds: deliveryFields.timeout_seconds.optional(),
  payload: deliveryFields.payload.optional(),
  signature_scheme: z.enum(['hmac-sha256', 'ed25519', 'ecdsa-p256']).optional().describe('Default `hmac-sha256`.'),
  retry_schedule_seconds: deliveryFields.retry_schedule_seconds.optional(),
  ordering: deliveryFields.ordering.optional(),
});

export const updateWebhookBody = z.strictObject({
  name: name.optional(),
  description: description.nullable().optional().describe('null clears it.'),
  url: url.optional(),
  event_types: eventTypes.nullable().optional().describe('null = every event type.'),
  auth: endpointAuthSchema.optional().describe('Replaces the endpoint authentication entirely.'),
  status: z.enum(['active', 'paused']).optional(),
  rate_limit_rps: deliveryFields.rate_limit_rps.optional(),
  timeout_seconds: deliveryFields.timeout_seconds.optional(),
  payload: deliveryFields.payload.optional(),
  retry_schedule_seconds: deliveryFields.retry_schedule_seconds.nullable().optional().describe('null = the platform default.'),
  ordering: deliveryFields.ordering.optional(),
});

/** The registry's rule codes, so both layers answer a broken rule the same way. */
export const webhookErrorCodes: Record<string, string> = {
  name: 'name_invalid',
  description: 'description_invalid',
  url: 'url_invalid',
  'url:too_big': 'url_too_long',
  event_types: 'event_types_empty',
  'event_types[]': 'event_type_unknown',
  'auth.type': 'auth_type_invalid',
  auth: 'auth_type_invalid',
  'auth.header_name': 'auth_header_name_invalid',
  'auth.value': 'auth_value_required',
  'auth.value:invalid_format': 'auth_value_invalid',
  'auth.username': 'auth_username_required',
  'auth.password': 'auth_password_required',
  'auth.token_url': 'auth_token_url_invalid',
  'auth.client_id': 'auth_client_id_required',
  'auth.client_secret': 'auth_client_secret_required',
  'auth.scope': 'auth_scope_invalid',
  'auth.audience': 'auth_audience_invalid',
  'auth.client_auth_method': 'auth_client_auth_method_invalid',
  status: 'status_invalid',
  rate_limit_rps: 'rate_limit_rps_invalid',
  timeout_seconds: 'timeout_seconds_invalid',
  payload: 'payload_invalid',
  signature_scheme: 'signature_scheme_invalid',
  retry_schedule_seconds: 'retry_schedule_invalid',
  'retry_schedule_seconds[]': 'retry_schedule_invalid',
  ordering: 'ordering_invalid',
};

type EndpointAuthBody = z.output<typeof endpointAuthSchema>;

export function endpointAuthInput(auth: EndpointAuthBody): registryV1.EndpointAuthInput {
  const input: registryV1.EndpointAuthInput = {
    type: auth.type,
    headerName: '',
    headerValue: '',
    username: '',
    password: '',
    tokenUrl: '',
    clientId: '',
    clientSecret: '',
    scope: '',
    audience: '',
  };
  if (auth.type === 'api_key') Object.assign(input, { headerName: auth.header_name, headerValue: auth.value });
  if (auth.type === 'basic') Object.assign(input, { username: auth.username, password: auth.password });
  if (auth.type === 'oauth2') {
    Object.assign(input, {
      tokenUrl: auth.token_url,
      clientId: auth.client_id,
      clientSecret: auth.client_secret,
      scope: auth.scope ?? '',
      audience: auth.audience ?? '',
      clientAuthMethod: auth.client_auth_method,
    });
  }
  return input;
}

export function createWebhookRequest(body: z.output<typeof createWebhookBody>, context: registryV1.CreateWebhookRequest['context']): registryV1.CreateWebhookRequest {
  return {
    context,
    orgId: '',
    name: body.name,
    url: body.url,
    description: body.description,
    eventTypes: body.event_types ? { types: body.event_types } : undefined,
    auth: body.auth ? endpointAuthInput(body.auth) : undefined,
    rateLimitRps: body.rate_limit_rps,
    timeoutSeconds: body.timeout_seconds,
    payload: body.payload,
    signatureScheme: body.signature_scheme,
    retryScheduleSeconds: body.retry_schedule_seconds ? { seconds: body.retry_schedule_seconds } : undefined,
    ordering: body.ordering,
  };
}

export function updateWebhookRequest(
  webhookId: string,
  body: z.output<typeof updateWebhookBody>,
  context: registryV1.UpdateWebhookRequest['context'],
): registryV1.UpdateWebhookRequest {
  return {
    context,
    webhookId,
    orgId: '',
    name: body.name,
    description: body.description === null ? '' : body.description,
    url: body.url,
    eventTypes: body.event_types ? { types: body.event_types } : undefined,
    allEventTypes: body.event_types === null ? true : undefined,
    auth: body.auth ? endpointAuthInput(body.auth) : undefined,
    rateLimitRps: body.rate_limit_rps,
    timeoutSeconds: body.timeout_seconds,
    status: body.status,
    payload: body.payload,
    retryScheduleSeconds: body.retry_schedule_seconds === undefined ? undefined : { seconds: body.retry_schedule_seconds ?? [] },
    ordering: body.ordering,
  };
}
