import { randomFillSync } from 'node:crypto';

// Crockford base32, lower case: sorts as plain ASCII and has no ambiguous letters.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const TIME_CHARS = 10; // 50 bits of milliseconds
const RANDOM_CHARS = 16; // 80 bits
const BODY = new RegExp(`^[a-z]+_([0-9a-hjkmnp-tv-z]{${TIME_CHARS}})[0-9a-hjkmnp-tv-z]{${RANDOM_CHARS}}$`, 'i');

/** An id and the creation time (ms) it encodes. */
export interface TimedId {
  id: string;
  timeMs: number;
}

export interface IdGenerator {
  /**
   * A new `<prefix>_…` id created at `nowMs` (default: now), and the time it encodes: never
   * earlier than a previous id's, so an id and its creation time sort alike.
   */
  next(prefix: string, nowMs?: number): TimedId;
}

/**
 * Random bytes drawn from the OS in blocks: one `randomBytes(16)` per id was a measurable share
 * of CPU at thousands of ids per second (a syscall and a buffer per call).
 */
const randomPool = Buffer.alloc(RANDOM_CHARS * 256);
let randomOffset = randomPool.length;

function randomDigits(): number[] {
  if (randomOffset + RANDOM_CHARS > randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  const digits = Array.from(randomPool.subarray(randomOffset, randomOffset + RANDOM_CHARS), (byte) => byte & 31);
  randomOffset += RANDOM_CHARS;
  return digits;
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

function encodeTime(timeMs: number): string {
  let out = '';
  let rest = timeMs;
  for (let i = 0; i < TIME_CHARS; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/**
 * ULID-style prefixed ids (`wh_…`, `evt_…`): 10 characters of millisecond time then 16 random,
 * so ids sort by creation. Within one millisecond (or when the clock steps back) the random part
 * of the previous id is incremented, so one generator's ids are strictly increasing.
 */
export function createIdGenerator(): IdGenerator {
  let lastTime = -1;
  let lastRandom: number[] = [];
  return {
    next(prefix, nowMs = Date.now()) {
      if (nowMs > lastTime) {
        lastTime = nowMs;
        lastRandom = randomDigits();
      } else if (!increment(lastRandom)) {
        // 2^80 ids in one millisecond cannot happen; borrow the next millisecond to stay ordered.
        lastTime++;
        lastRandom = randomDigits();
      }
      return { id: `${prefix}_${encodeTime(lastTime)}${lastRandom.map((d) => ALPHABET[d]).join('')}`, timeMs: lastTime };
    },
  };
}

const processIds = createIdGenerator();

/** A new prefixed, time-sortable id from this process's generator. */
export function newId(prefix: string): string {
  return processIds.next(prefix).id;
}

/**
 * The creation time (ms) a generated id encodes, or undefined for any other string (ids are
 * opaque: older ids of other shapes stay valid, they just carry no time).
 */
export function idTime(id: string): number | undefined {
  const match = BODY.exec(id);
  if (!match) return undefined;
  return [...match[1].toLowerCase()].reduce((acc, ch) => acc * 32 + ALPHABET.indexOf(ch), 0);
}
