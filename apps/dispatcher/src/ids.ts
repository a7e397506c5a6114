import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

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
  const random = randomBytes(16);
  let tail = '';
  for (let i = 0; i < 16; i++) tail += ALPHABET[random[i] % 32];
  return `${prefix}_${head}${tail}`;
}
