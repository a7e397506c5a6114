import { z } from '@hookline/config';
import { CLIENT_AUTH_METHODS, ENDPOINT_AUTH_TYPES, payloadFilterSchema, WEBHOOK_STATUSES } from '@hookline/contract';
import type { registryV1 } from '@hookline/proto';

/** The public webhook object (DESIGN §5); credentials never appear, only their non-secret fields. */
export const webhookSchema = z.object({
  id: z.string().describe('`wh_…`'),
  object: z.literal('webhook'),
  name: z.string(),
  description: z.string().nullable(),
  url: z.string(),
  status: z.enum(WEBHOOK_STATUSES),
  event_types: z.array(z.string()).nullable().describe('null = every event type.'),
  auth_type: z.enum(ENDPOINT_AUTH_TYPES),
  auth: z
    .object({
      header_name: z.string().optional(),
      username: z.string().optional(),
      token_url: z.string().optional(),
      client_id: z.string().optional(),
      scope: z.string().optional(),
      audience: z.string().optional(),
      client_auth_method: z.enum(CLIENT_AUTH_METHODS).optional().describe('oauth2 only.'),
    })
    .optional()
    .describe('Non-secret fields of the endpoint authentication.'),
  rate_limit_rps: z.number().int().min(1).max(100),
  timeout_seconds: z.number().int().min(1).max(30),
  payload: z.enum(['full', 'thin']),
  signature_scheme: z.enum(['hmac-sha256', 'ed25519', 'ecdsa-p256']),
  public_key: z.string().optional().describe('`whpk_…` (ed25519) or SPKI PEM (ecdsa-p256).'),
  has_signing_secret: z.boolean(),
  retry_schedule_seconds: z.array(z.number().int().min(1).max(86_400)).max(20).nullable().describe('null = the platform default.'),
  ordering: z.enum(['unordered', 'fifo']),
  filter: payloadFilterSchema.nullable().describe('The payload filter; null = every event of the event types.'),
  disabled_reason: z.string().optional(),
  last_triggered_at: z.string().optional().describe('Omitted until the first delivery.'),
  created_at: z.string(),
  updated_at: z.string(),
}).meta({ id: 'Webhook' });

export type WebhookJson = z.infer<typeof webhookSchema>;

export function webhookJson(webhook: registryV1.Webhook | undefined): WebhookJson {
  if (!webhook) throw new Error('registry answered without a webhook');
  const auth = webhook.auth;
  const authFields = Object.fromEntries(
    Object.entries({
      header_name: auth?.headerName,
      username: auth?.username,
      token_url: auth?.tokenUrl,
      client_id: auth?.clientId,
      scope: auth?.scope,
      audience: auth?.audience,
      client_auth_method: auth?.clientAuthMethod,
    }).filter(([, v]) => v),
  );
  return {
    id: webhook.id,
    object: 'webhook',
    name: webhook.name,
    description: webhook.description || null,
    url: webhook.url,
    status: webhook.status as WebhookJson['status'],
    event_types: webhook.eventTypes.length ? webhook.eventTypes : null,
    auth_type: (webhook.authType || 'none') as WebhookJson['auth_type'],
    ...(Object.keys(authFields).length ? { auth: authFields } : {}),
    rate_limit_rps: webhook.rateLimitRps,
    timeout_seconds: webhook.timeoutSeconds,
    payload: webhook.payload as WebhookJson['payload'],
    signature_scheme: webhook.signatureScheme as WebhookJson['signature_scheme'],
    ...(webhook.publicKey ? { public_key: webhook.publicKey } : {}),
    has_signing_secret: webhook.hasSigningSecret,
    retry_schedule_seconds: webhook.retryScheduleSeconds.length ? webhook.retryScheduleSeconds : null,
    ordering: (webhook.ordering || 'unordered') as WebhookJson['ordering'],
    filter: webhook.filterJson ? (JSON.parse(webhook.filterJson) as Record<string, unknown>) : null,
    ...(webhook.disabledReason ? { disabled_reason: webhook.disabledReason } : {}),
    ...(webhook.lastTriggeredAt ? { last_triggered_at: webhook.lastTriggeredAt } : {}),
    created_at: webhook.createdAt,
    updated_at: webhook.updatedAt,
  };
}
