import type { Logger } from '@hookline/logging';
import { resolveMasterKey as resolve } from '@hookline/secrets';

/** The registry's master key (`HOOKLINE_MASTER_KEY`), or the loudly-warned development key. */
export function resolveMasterKey(hex: string | undefined, logger: Logger): Buffer {
  return resolve(hex, (message) => logger.warn(message));
}
