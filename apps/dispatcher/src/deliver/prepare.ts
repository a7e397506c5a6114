import type { DeliveryTask } from '../model/delivery-task';
import { wireEnvelope } from '../model/wire-envelope';
import type { DeliveryConfig } from '../webhook-config/delivery-config';

export interface PreparedRequest {
  url: string;
  /** Encoded once per attempt: signed and sent (and re-sent after a 401) as these bytes. */
  body: Buffer;
  /** Every header except the signature and the endpoint credentials. */
  headers: Record<string, string>;
  timestampSeconds: number;
}

/**
 * The request body and base headers of DESIGN §3 in the organization's wire profile: the
 * envelope as fanned out (full), without `data` (thin), or renamed by the profile's mapping.
 * standard-webhooks sends `webhook-id` = the delivery id, stable across retries; hmac-hex sends
 * it as `X-<Brand>-Delivery`, with the type in `X-<Brand>-Event`.
 */
export function prepareRequest(task: DeliveryTask, config: DeliveryConfig, userAgent: string, nowMs: number): PreparedRequest {
  const profile = config.wireProfile;
  const body = Buffer.from(wireEnvelope(task.envelopeJson, profile.envelope, config.payload === 'thin'), 'utf8');
  const timestampSeconds = Math.floor(nowMs / 1000);
  const headers: Record<string, string> =
    profile.name === 'hmac-hex'
      ? {
          'content-type': 'application/json',
          'user-agent': profile.userAgent || userAgent,
          [`X-${profile.brand}-Event`]: task.eventType,
          [`X-${profile.brand}-Delivery`]: task.deliveryId,
        }
      : {
          'content-type': 'application/json',
          'user-agent': profile.userAgent || userAgent,
          'webhook-id': task.deliveryId,
          'webhook-timestamp': String(timestampSeconds),
          'hookline-event-type': task.eventType,
        };
  if (task.traceparent) headers.traceparent = task.traceparent;
  return { url: config.url, body, headers, timestampSeconds };
}
