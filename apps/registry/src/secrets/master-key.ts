import { createHash } from 'node:crypto';
import type { Logger } from '@hookline/logging';

/**
 * The 32-byte master key from `HOOKLINE_MASTER_KEY`. Without one (local `npm start`), a fixed
 * development key is derived so the stack runs at once, with a warning no one can miss: anyone
 * can derive that key, so secrets stored under it are not protected.
 */
export function resolveMasterKey(hex: string | undefined, logger: Logger): Buffer {
  if (hex) return Buffer.from(hex, 'hex');
  logger.warn(
    '!!! HOOKLINE_MASTER_KEY is not set: using a DEVELOPMENT master key derived from a public constant. ' +
      'Webhook secrets and credentials are NOT protected at rest. Set HOOKLINE_MASTER_KEY (64 hex chars) in production. !!!',
  );
  return createHash('sha256').update('hookline development master key (not secret)').digest();
}
