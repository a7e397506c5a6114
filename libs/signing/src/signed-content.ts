import { InputError } from '@hookline/errors';

/** The exact bytes sent as the request body, or the string that is sent as UTF-8. */
export type WebhookBody = string | Uint8Array;

// A message id is a header value and a field of the signed content, so it may hold neither
// the "." separator (Standard Webhooks forbids it) nor whitespace or control characters.
const MESSAGE_ID = /^[^.\s\p{Cc}]+$/u;

export function assertSignableMessage(msgId: string, timestamp: number): void {
  if (typeof msgId !== 'string' || !MESSAGE_ID.test(msgId)) {
    throw new InputError('webhook message id must be non-empty and hold no ".", whitespace or control characters', {
      code: 'invalid_message_id',
    });
  }
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new InputError('webhook timestamp must be whole unix seconds', { code: 'invalid_timestamp' });
  }
}

/** `{msgId}.{timestamp}.{body}` as bytes: what every scheme signs. */
export function signedContent(msgId: string, timestamp: number, body: WebhookBody): Buffer {
  assertSignableMessage(msgId, timestamp);
  const prefix = `${msgId}.${timestamp}.`;
  if (typeof body === 'string') return Buffer.from(prefix + body, 'utf8');
  return Buffer.concat([Buffer.from(prefix, 'utf8'), body]);
}

/** The signed content as its two parts, `{msgId}.{timestamp}.` and the body's bytes, uncopied when given as bytes. */
export function signedParts(msgId: string, timestamp: number, body: WebhookBody): { prefix: Buffer; bytes: Uint8Array } {
  assertSignableMessage(msgId, timestamp);
  return { prefix: Buffer.from(`${msgId}.${timestamp}.`, 'utf8'), bytes: typeof body === 'string' ? Buffer.from(body, 'utf8') : body };
}
