import type { DeliveryTask } from '../delivery/delivery-task';
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
 * The request body and base headers of DESIGN §3: the envelope as fanned out (full) or without
 * `data` (thin), and `webhook-id` = the delivery id, stable across retries.
 */
export function prepareRequest(task: DeliveryTask, config: DeliveryConfig, userAgent: string, nowMs: number): PreparedRequest {
  const body = Buffer.from(config.payload === 'thin' ? thinEnvelope(task.envelopeJson) : task.envelopeJson, 'utf8');
  const timestampSeconds = Math.floor(nowMs / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': userAgent,
    'webhook-id': task.deliveryId,
    'webhook-timestamp': String(timestampSeconds),
    'hookline-event-type': task.eventType,
  };
  if (task.traceparent) headers.traceparent = task.traceparent;
  return { url: config.url, body, headers, timestampSeconds };
}

function thinEnvelope(envelopeJson: string): string {
  const { data: _omitted, ...thin } = JSON.parse(envelopeJson) as Record<string, unknown>;
  return JSON.stringify(thin);
}
