import { withTransaction, type PoolClient } from '@hookline/db';
import type { Pool } from 'pg';
import { changeDigestInput } from '../model/approval';
import type { SecretBox } from './secret-box';

/** Every column holding a sealed value, with the key of its rows. */
const SEALED_COLUMNS = [
  { table: 'master_key_check', key: 'id', column: 'sealed' },
  { table: 'webhook', key: 'id', column: 'auth_sealed' },
  { table: 'signing_key', key: 'id', column: 'sealed_key' },
] as const;

/**
 * Master-key rotation: re-seals every value not sealed under the current key (it opens under a
 * previous one) and recomputes the approvals' change fingerprints, in one transaction, so after
 * it the previous key can be dropped and a backup taken under it no longer matches anything the
 * new key protects. Runs at start; a no-op when everything is current. Returns how many values changed.
 */
export async function reencryptSecrets(pool: Pool, box: SecretBox): Promise<number> {
  return withTransaction(pool, async (client) => {
    let changed = 0;
    for (const { table, key, column } of SEALED_COLUMNS) changed += await reseal(client, box, table, key, column);
    changed += await resealApprovals(client, box);
    return changed;
  });
}

async function reseal(client: PoolClient, box: SecretBox, table: string, key: string, column: string): Promise<number> {
  const { rows } = await client.query<{ key: string; sealed: string }>(
    `select ${key}::text as key, ${column} as sealed from ${table} where ${column} is not null and ${column} not like $1 || ':%' for update`,
    [box.keyId],
  );
  for (const row of rows) {
    await client.query(`update ${table} set ${column} = $2 where ${key}::text = $1`, [row.key, box.seal(box.open(row.sealed))]);
  }
  return rows.length;
}

async function resealApprovals(client: PoolClient, box: SecretBox): Promise<number> {
  const { rows } = await client.query<{ id: string; change_sealed: string; resource_id: string; webhook_version: string }>(
    `select id, change_sealed, resource_id, webhook_version from approval where change_sealed not like $1 || ':%' for update`,
    [box.keyId],
  );
  for (const row of rows) {
    const change = box.open(row.change_sealed);
    await client.query('update approval set change_sealed = $2, change_hash = $3 where id = $1', [
      row.id,
      box.seal(change),
      box.fingerprint(changeDigestInput(row.resource_id, Number(row.webhook_version), change)),
    ]);
  }
  return rows.length;
}
