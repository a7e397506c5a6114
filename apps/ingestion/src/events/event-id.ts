import { randomBytes } from 'node:crypto';

// Crockford base32: sortable as plain ASCII, no ambiguous letters.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 16; // 80 bits

export interface EventIdGenerator {
  /**
   * A new `evt_…` id for an event accepted at `nowMs`, and the time it encodes (never earlier
   * than a previous id's, so the event's time and id sort alike).
   */
  next(nowMs: number): { id: string; timeMs: number };
}

function encodeTime(timeMs: number): string {
  let out = '';
  let rest = timeMs;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function randomDigits(): number[] {
  const bytes = randomBytes(RANDOM_CHARS);
  return [...bytes].map((b) => b & 31);
}

/** Increments base32 digits in place; false when they overflowed. */
function increment(digits: number[]): boolean {
  for (let i = digits.length - 1; i >= 0; i--) {
    if (digits[i] < 31) {
      digits[i]++;
      return true;
    }
    digits[i] = 0;
  }
  return false;
}

/**
 * ULID-style ids (48-bit milliseconds + 80 random bits, base32) so ids sort by acceptance time.
 * Within one millisecond (or if the clock steps back) the random part is incremented, so ids
 * from one process are strictly increasing.
 */
export function createEventIdGenerator(): EventIdGenerator {
  let lastTime = -1;
  let lastRandom: number[] = [];
  return {
    next(nowMs) {
      if (nowMs > lastTime) {
        lastTime = nowMs;
        lastRandom = randomDigits();
      } else if (!increment(lastRandom)) {
        // 2^80 ids in one millisecond cannot happen; borrow the next millisecond to stay ordered.
        lastTime++;
        lastRandom = randomDigits();
      }
      return { id: `evt_${encodeTime(lastTime)}${lastRandom.map((d) => ALPHABET[d]).join('')}`, timeMs: lastTime };
    },
  };
}

/** The acceptance time encoded in an id (ms), or undefined for a malformed id. */
export function eventIdTime(id: string): number | undefined {
  const match = /^evt_([0-9A-HJKMNP-TV-Z]{10})[0-9A-HJKMNP-TV-Z]{16}$/.exec(id);
  if (!match) return undefined;
  return [...match[1]].reduce((acc, ch) => acc * 32 + ALPHABET.indexOf(ch), 0);
}
