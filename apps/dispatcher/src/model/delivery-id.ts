import { createHash } from 'node:crypto';

/** Crockford base32, lower case, as in every prefixed id. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** 50 bits of the webhook id's hash: two of one event's webhooks colliding is out of reach. */
const WEBHOOK_CHARS = 10;

/**
 * The delivery of an event to a webhook, always the same id: the event's id (so deliveries sort
 * as their events were published, which a paused FIFO webhook's release relies on) followed by a
 * hash of the webhook id. The fan-out writes no row before the first attempt: a crash replays the
 * event from its uncommitted offset, and the replay must derive the same id — the `webhook-id`
 * the receiver dedupes on.
 */
export function deliveryIdFor(eventId: string, webhookId: string): string {
  const underscore = eventId.indexOf('_');
  // An event id is `evt_` and 26 base32 characters; any other shape is hashed as a whole.
  const eventPart = underscore > 0 && /^[0-9a-z]{26}$/.test(eventId.slice(underscore + 1)) ? eventId.slice(underscore + 1) : base32(digest(eventId), 26);
  return `del_${eventPart}${base32(digest(webhookId), WEBHOOK_CHARS)}`;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** The first `chars` base32 digits of `bytes` (5 bits each). */
function base32(bytes: Buffer, chars: number): string {
  let out = '';
  for (let i = 0; i < chars; i++) {
    const bit = i * 5;
    const byte = bit >> 3;
    const word = (bytes[byte] << 8) | (bytes[byte + 1] ?? 0);
    out += ALPHABET[(word >> (11 - (bit & 7))) & 31];
  }
  return out;
}
