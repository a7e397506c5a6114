import type { Queryable } from '../db/queryable';
import type { SecretBox } from './secret-box';

const CANARY = 'hookline-master-key-check';

/**
 * Refuses to start with a master key other than the one the stored secrets were sealed with:
 * the first start seals a canary; every later start must open it (throws MasterKeyMismatchError).
 */
export async function verifyMasterKey(db: Queryable, box: SecretBox): Promise<void> {
  await db.query('insert into master_key_check (id, sealed) values (1, $1) on conflict (id) do nothing', [box.seal(CANARY)]);
  const { rows } = await db.query<{ sealed: string }>('select sealed from master_key_check where id = 1');
  if (box.open(rows[0].sealed) !== CANARY) throw new Error('master key check failed');
}
