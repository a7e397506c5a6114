// The local master key `npm start` runs with: random, made on the first run under .data/ (a file
// only its owner can read) and reused by every later run, so the secrets the stack stored stay
// readable across restarts. There is no built-in key: a backup of a local database opens only with this file.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { root } from './infrastructure.mjs';

export const LOCAL_MASTER_KEY_FILE = join(root, '.data/master.key');

/** The key (64 hex characters) from `path`, created with mode 0600 when missing. */
export function ensureMasterKey(path = LOCAL_MASTER_KEY_FILE) {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
  }
  if ((statSync(path).mode & 0o077) !== 0) throw new Error(`${path} is readable by others: chmod 600 it`);
  const hex = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${path} does not hold a master key (64 hex characters)`);
  return hex;
}
