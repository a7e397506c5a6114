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

/**
 * A prefixed, time-ordered id (`del_…`, `att_…`): 10 characters of millisecond time then 16 of
 * randomness, Crockford base32 lower case, so ids sort roughly by creation like ULIDs.
 */
export function newId(prefix: 'del' | 'att' | 'rcv'): string {
  let time = Date.now();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = ALPHABET[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const offset = randomBlock();
  let tail = '';
  for (let i = 0; i < 16; i++) tail += ALPHABET[pool[offset + i] & 31];
  return `${prefix}_${head}${tail}`;
}
