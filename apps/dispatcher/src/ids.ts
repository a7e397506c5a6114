import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * Random bytes drawn from the OS in blocks: one `randomBytes(16)` per id was a measurable share
 * of the dispatcher's CPU at thousands of ids per second (a syscall and a buffer per call).
 */
const pool = Buffer.alloc(16 * 256);
let poolOffset = pool.length;

function randomBlock(): number {
  if (poolOffset + 16 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const offset = poolOffset;
  poolOffset += 16;
  return offset;
}

let lastTime = 0;
let lastTail = '';

/** The base32 string one greater than `tail` (same length; it never overflows in practice). */
function increment(tail: string): string {
  const chars = tail.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    const digit = ALPHABET.indexOf(chars[i]);
    if (digit < 31) {
      chars[i] = ALPHABET[digit + 1];
      return chars.join('');
    }
    chars[i] = ALPHABET[0];
  }
  return chars.join('');
}

/**
 * A prefixed, time-ordered id (`del_…`, `att_…`): 10 characters of millisecond time then 16 of
 * randomness, Crockford base32 lower case, so ids sort by creation like ULIDs. Within one
 * millisecond the random part of the previous id is incremented (monotonic ULIDs): a process's
 * ids sort exactly in creation order, which is the order held FIFO deliveries are released in.
 */
export function newId(prefix: 'del' | 'att' | 'rcv'): string {
  const now = Date.now();
  if (now <= lastTime) {
    lastTail = increment(lastTail);
    return `${prefix}_${encodeTime(lastTime)}${lastTail}`;
  }
  lastTime = now;
  const offset = randomBlock();
  let tail = '';
  // The first character stays below 16 so that increments never overflow the tail.
  for (let i = 0; i < 16; i++) tail += ALPHABET[pool[offset + i] & (i === 0 ? 15 : 31)];
  lastTail = tail;
  return `${prefix}_${encodeTime(now)}${tail}`;
}

function encodeTime(ms: number): string {
  let time = ms;
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = ALPHABET[time % 32] + head;
    time = Math.floor(time / 32);
  }
  return head;
}
