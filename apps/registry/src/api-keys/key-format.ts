import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { BASE62, randomBase62 } from '../common/base62';

// `hk_` + 32 random base62 chars (≈ 190 bits) + 6-char base62 CRC-32 of everything before it.
// Secret scanners can recognise a real key offline (prefix + checksum) without a lookup.
const PREFIX = 'hk_';
const RANDOM_CHARS = 32;
const CHECKSUM_CHARS = 6;
const KEY_PATTERN = new RegExp(`^${PREFIX}[0-9A-Za-z]{${RANDOM_CHARS + CHECKSUM_CHARS}}$`);

function checksum(body: string): string {
  let n = crc32(body);
  let out = '';
  for (let i = 0; i < CHECKSUM_CHARS; i++) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

export function generateApiKey(): string {
  const body = PREFIX + randomBase62(RANDOM_CHARS);
  return body + checksum(body);
}

/** Shape and checksum only: a typo or a truncated key fails here without touching the database. */
export function isWellFormedApiKey(key: string): boolean {
  if (!KEY_PATTERN.test(key)) return false;
  const body = key.slice(0, -CHECKSUM_CHARS);
  return checksum(body) === key.slice(-CHECKSUM_CHARS);
}

/** What is stored: SHA-256 of the whole key (high-entropy input, so no slow hash is needed). */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

/** The part shown in lists so a holder can tell keys apart. */
export function displayPrefix(key: string): string {
  return key.slice(0, PREFIX.length + 6);
}
