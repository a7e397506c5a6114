import { assertSignableMessage } from './signed-content';

export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';

export interface WebhookHeaders {
  [WEBHOOK_ID_HEADER]: string;
  [WEBHOOK_TIMESTAMP_HEADER]: string;
  [WEBHOOK_SIGNATURE_HEADER]: string;
}

export interface WebhookHeadersInput {
  msgId: string;
  timestamp: number;
  /** The value from a MessageSigner or signatureHeader. */
  signature: string;
}

/** The three Standard Webhooks headers, lower-case as HTTP/2 requires. */
export function webhookHeaders({ msgId, timestamp, signature }: WebhookHeadersInput): WebhookHeaders {
  assertSignableMessage(msgId, timestamp);
  return {
    [WEBHOOK_ID_HEADER]: msgId,
    [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
    [WEBHOOK_SIGNATURE_HEADER]: signature,
  };
}
