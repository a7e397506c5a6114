import { z } from '@hookline/config';
import type { dispatcherV1 } from '@hookline/proto';

/** One `delivery` event of the relay stream: an attempt exactly as it would be POSTed. */
export const relayRequestSchema = z
  .object({
    object: z.literal('relay_request'),
    id: z.string().describe('`rrq_…`: report the local answer to `POST /v1/relay/requests/{id}/outcome`.'),
    sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).describe('Also the SSE event id: reconnect with `Last-Event-ID` to resume after it.'),
    webhook_id: z.string(),
    delivery_id: z.string(),
    event_type: z.string(),
    attempt: z.number().int().min(1).max(1000).describe('The attempt’s number (1 = first).'),
    headers: z.record(z.string(), z.string()).describe('The signed headers, as an endpoint would get them.'),
    body: z.string().describe('The body, byte for byte as signed.'),
    expires_at: z.string().describe('RFC 3339: without an outcome by then, the attempt fails as a timeout and is retried.'),
  })
  .meta({ id: 'RelayRequest' });

export function relayRequestJson(request: dispatcherV1.RelayRequest): z.output<typeof relayRequestSchema> {
  return {
    object: 'relay_request',
    id: request.id,
    sequence: request.sequence,
    webhook_id: request.webhookId,
    delivery_id: request.deliveryId,
    event_type: request.eventType,
    attempt: request.attempt,
    headers: request.headers,
    body: request.body,
    expires_at: request.expiresAt,
  };
}

const RESPONSE_BODY_LIMIT = 16 * 1024;

export const relayOutcomeBody = z
  .strictObject({
    status: z.number().int().min(100).max(599).optional().describe('The local answer’s HTTP status; omitted when no answer came (then `error`).'),
    headers: z
      .record(z.string().max(256), z.string().max(2048))
      .refine((headers) => Object.keys(headers).length <= 64, { message: 'at most 64 headers' })
      .optional(),
    body: z.string().max(RESPONSE_BODY_LIMIT).optional().describe('The first 16 KiB of the local answer’s body.'),
    duration_ms: z.number().int().min(0).max(3_600_000).describe('How long the local exchange took.'),
    error: z.string().min(1).max(500).optional().describe('Why the local URL gave no answer (connection refused, timeout).'),
  })
  .refine((body) => body.status !== undefined || body.error !== undefined, { message: 'status or error is required', path: ['status'] });

export const relayOutcomeSchema = z
  .object({ object: z.literal('relay_outcome'), request_id: z.string(), delivery_id: z.string() })
  .meta({ id: 'RelayOutcome' });
