import { z } from '@hookline/config';
import type { dispatcherV1 } from '@hookline/proto';
import { httpStatusCode, int32 } from '../http/integers';

/** The public delivery object (`webhook_event`, DESIGN §5): one event × one webhook. */
export const deliverySchema = z.object({
  id: z.string().describe('`del_…`; also the `webhook-id` header of every attempt.'),
  object: z.literal('webhook_event'),
  webhook_id: z.string(),
  event_id: z.string(),
  event_type: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempt_count: int32(),
  last_attempt_at: z.string().nullable().describe('RFC 3339; null before the first attempt.'),
  next_attempt_at: z.string().nullable().describe('RFC 3339; null when no attempt is scheduled.'),
  response_status: httpStatusCode().nullable().describe('HTTP status of the last response; null when none was received.'),
  is_test: z.boolean(),
  created_at: z.string(),
}).meta({ id: 'Delivery' });

export const attemptSchema = z.object({
  id: z.string().describe('`att_…`'),
  number: int32(1).describe('1 for the first attempt.'),
  started_at: z.string(),
  duration_ms: int32(),
  response_status: httpStatusCode().nullable().describe('null when no response was received.'),
  response_headers: z.record(z.string(), z.string()),
  response_body: z.string().describe('The first 16 KiB of the response body.'),
  error: z
    .object({
      class: z.enum(['timeout', 'dns', 'connect', 'tls', 'ssrf_blocked', 'http_status', 'auth']),
      message: z.string(),
    })
    .nullable()
    .describe('null on success.'),
}).meta({ id: 'Attempt' });

export const deliveryWithAttemptsSchema = deliverySchema.extend({
  attempts: z.array(attemptSchema).describe('Oldest first.'),
}).meta({ id: 'DeliveryWithAttempts' });

export type DeliveryJson = z.infer<typeof deliverySchema>;
export type AttemptJson = z.infer<typeof attemptSchema>;
type AttemptErrorClass = NonNullable<AttemptJson['error']>['class'];

const orNull = <T>(value: T, absent: T): T | null => (value === absent ? null : value);

export function deliveryJson(delivery: dispatcherV1.Delivery): DeliveryJson {
  return {
    id: delivery.id,
    object: 'webhook_event',
    webhook_id: delivery.webhookId,
    event_id: delivery.eventId,
    event_type: delivery.eventType,
    status: delivery.status as DeliveryJson['status'],
    attempt_count: delivery.attemptCount,
    last_attempt_at: orNull(delivery.lastAttemptAt, ''),
    next_attempt_at: orNull(delivery.nextAttemptAt, ''),
    response_status: orNull(delivery.responseStatus, 0),
    is_test: delivery.isTest,
    created_at: delivery.createdAt,
  };
}

export function attemptJson(attempt: dispatcherV1.Attempt): AttemptJson {
  return {
    id: attempt.id,
    number: attempt.number,
    started_at: attempt.startedAt,
    duration_ms: attempt.durationMs,
    response_status: orNull(attempt.responseStatus, 0),
    response_headers: attempt.responseHeaders,
    response_body: attempt.responseBody,
    error: attempt.error ? { class: attempt.error.class as AttemptErrorClass, message: attempt.error.message } : null,
  };
}
