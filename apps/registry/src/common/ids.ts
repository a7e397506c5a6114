import { randomInt } from 'node:crypto';

export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` characters drawn uniformly from base62 with a CSPRNG. */
export function randomBase62(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[randomInt(62)];
  return out;
}

/** A prefixed id such as `wh_3hK9...` (22 base62 chars ≈ 131 bits). */
export function newId(prefix: 'org' | 'key' | 'wh' | 'apr' | 'aud' | 'ps'): string {
  return `${prefix}_${randomBase62(22)}`;
}
