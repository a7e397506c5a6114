import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

/** What a service was configured with (see `masterKeyEnv` in @hookline/config). */
export interface MasterKeySettings {
  HOOKLINE_MASTER_KEY?: string;
  /** Comma-separated keys being rotated away from. */
  HOOKLINE_MASTER_KEY_PREVIOUS?: string;
  HOOKLINE_DEVELOPMENT_MACHINE: boolean;
  HOOKLINE_DEVELOPMENT_KEY_FILE: string;
}

export interface MasterKeys {
  current: Buffer;
  previous: Buffer[];
}

/** Raised at start when no master key is configured outside a development machine. */
export class MasterKeyMissingError extends Error {
  constructor() {
    super(
      'HOOKLINE_MASTER_KEY is not set: set it to 64 hex characters (openssl rand -hex 32), or set HOOKLINE_DEVELOPMENT_MACHINE=true ' +
        'to use (and create) the local key file of a development machine',
    );
    this.name = 'MasterKeyMissingError';
  }
}

const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/**
 * The master keys a service seals with. There is no built-in key: without `HOOKLINE_MASTER_KEY`
 * the service refuses to start, unless it is told it runs on a development machine, where the
 * key is the local file `npm start` uses (random, created on first use, readable by its owner only).
 */
export function resolveMasterKeys(settings: MasterKeySettings, warn: (message: string) => void): MasterKeys {
  const previous = (settings.HOOKLINE_MASTER_KEY_PREVIOUS ?? '')
    .split(',')
    .map((hex) => hex.trim())
    .filter(Boolean)
    .map((hex) => Buffer.from(hex, 'hex'));
  if (settings.HOOKLINE_MASTER_KEY) return { current: Buffer.from(settings.HOOKLINE_MASTER_KEY, 'hex'), previous };
  if (!settings.HOOKLINE_DEVELOPMENT_MACHINE) throw new MasterKeyMissingError();
  warn(`HOOKLINE_MASTER_KEY is not set: development machine, using the local key file ${settings.HOOKLINE_DEVELOPMENT_KEY_FILE}`);
  return { current: localMasterKey(settings.HOOKLINE_DEVELOPMENT_KEY_FILE), previous };
}

/**
 * Reads the local master key file, creating it with a random key (mode 0600, in a 0700 folder)
 * when it does not exist. A file others can read is refused: it would be a key anyone on the
 * machine holds.
 */
export function localMasterKey(path: string): Buffer {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if ((statSync(path).mode & 0o077) !== 0) {
    throw new Error(`the master key file ${path} is readable by others: chmod 600 it (or set HOOKLINE_MASTER_KEY)`);
  }
  const hex = readFileSync(path, 'utf8').trim();
  if (!HEX_KEY.test(hex)) throw new Error(`the master key file ${path} does not hold 64 hex characters`);
  return Buffer.from(hex, 'hex');
}

