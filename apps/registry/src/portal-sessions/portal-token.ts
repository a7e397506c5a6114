import { createHash } from 'node:crypto';
import { randomBase62 } from '../common/base62';

// `hkps_` + 40 random base62 characters (≈ 238 bits): recognisable by secret scanners, never stored.
const PREFIX = 'hkps_';
const PATTERN = /^hkps_[0-9A-Za-z]{40}$/;

export function generatePortalToken(): string {
  return PREFIX + randomBase62(40);
}

export function isPortalToken(token: string): boolean {
  return token.startsWith(PREFIX);
}

export function isWellFormedPortalToken(token: string): boolean {
  return PATTERN.test(token);
}

export function hashPortalToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
