import { hkdfSync } from 'node:crypto';

/**
 * The key that seals page cursors, derived from the master key (`HOOKLINE_MASTER_KEY`): every
 * gateway instance of a deployment derives the same key, so a cursor from one is good at another,
 * and no new secret needs configuring.
 */
export function cursorKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'hookline gateway page cursor', 32));
}
