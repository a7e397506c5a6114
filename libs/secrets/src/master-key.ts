import { createHash } from 'node:crypto';

/**
 * The 32-byte master key from `HOOKLINE_MASTER_KEY` (64 hex characters). Without one (local
 * `npm start`), a fixed development key is derived so the stack runs at once, and `warn` is told
 * loudly: anyone can derive that key, so secrets stored under it are not protected.
 */
export function resolveMasterKey(hex: string | undefined, warn: (message: string) => void): Buffer {
  if (hex) return Buffer.from(hex, 'hex');
  warn(
    '!!! HOOKLINE_MASTER_KEY is not set: using a DEVELOPMENT master key derived from a public constant. ' +
      'Secrets, credentials and replayable responses are NOT protected at rest. Set HOOKLINE_MASTER_KEY (64 hex chars) in production. !!!',
  );
  return createHash('sha256').update('hookline development master key (not secret)').digest();
}
