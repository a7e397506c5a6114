import type { PoolClient } from 'pg';
import type { AuditEntry, ChainHead } from '../chain/audit-entry';
import { appendToChain, GENESIS_HASH } from '../chain/record-hash';
import { bulkInsertParams, bulkInsertSql } from '../db/record-rows';

export interface AppendResult {
  stored: number;
  duplicates: number;
}

/**
 * Appends a batch to the orgs' chains in the caller's transaction. Each org's chain head row is
 * locked FOR UPDATE (in org order, so two writers never deadlock) before the known-id check, so a
 * record already stored — a Kafka redelivery — is skipped and never forks the chain.
 */
export async function appendRecords(client: PoolClient, entries: AuditEntry[]): Promise<AppendResult> {
  const unique = new Map<string, AuditEntry>();
  for (const entry of entries) if (!unique.has(entry.id)) unique.set(entry.id, entry);
  if (unique.size === 0) return { stored: 0, duplicates: entries.length };

  const byOrg = new Map<string, AuditEntry[]>();
  for (const entry of unique.values()) byOrg.set(entry.orgId, [...(byOrg.get(entry.orgId) ?? []), entry]);
  const orgIds = [...byOrg.keys()].sort();

  await client.query(
    `insert into chain_head (org_id, sequence, hash) select unnest($1::text[]), 0, $2 on conflict (org_id) do nothing`,
    [orgIds, GENESIS_HASH],
  );
  const heads = await client.query<{ org_id: string; sequence: string; hash: string }>(
    'select org_id, sequence, hash from chain_head where org_id = any($1) order by org_id for update',
    [orgIds],
  );
  const known = await client.query<{ id: string }>('select id from audit_record where id = any($1)', [[...unique.keys()]]);
  const knownIds = new Set(known.rows.map((row) => row.id));

  const chained = [];
  const newHeads: { orgId: string; head: ChainHead }[] = [];
  for (const row of heads.rows) {
    const fresh = byOrg.get(row.org_id)!.filter((entry) => !knownIds.has(entry.id));
    if (fresh.length === 0) continue;
    const appended = appendToChain({ sequence: Number(row.sequence), hash: row.hash }, fresh);
    chained.push(...appended);
    const last = appended[appended.length - 1];
    newHeads.push({ orgId: row.org_id, head: { sequence: last.sequence, hash: last.hash } });
  }
  if (chained.length > 0) {
    await storeSignerCertificates(client, chained);
    await client.query(bulkInsertSql(), bulkInsertParams(chained));
    await client.query(
      `update chain_head h set sequence = n.sequence, hash = n.hash, updated_at = now()
         from unnest($1::text[], $2::bigint[], $3::text[]) as n(org_id, sequence, hash) where h.org_id = n.org_id`,
      [newHeads.map((h) => h.orgId), newHeads.map((h) => h.head.sequence), newHeads.map((h) => h.head.hash)],
    );
  }
  return { stored: chained.length, duplicates: entries.length - chained.length };
}

/** Each signer certificate is stored once (by its DER hash); records name it by that hash. */
async function storeSignerCertificates(client: PoolClient, entries: AuditEntry[]): Promise<void> {
  const certificates = new Map<string, { identity: string; pem: string }>();
  for (const entry of entries) {
    if (entry.signerCertificatePem && !certificates.has(entry.signerCertificateSha256)) {
      certificates.set(entry.signerCertificateSha256, { identity: entry.signer, pem: entry.signerCertificatePem });
    }
  }
  if (certificates.size === 0) return;
  await client.query(
    `insert into signer_certificate (sha256, identity, pem) select * from unnest($1::text[], $2::text[], $3::text[]) on conflict (sha256) do nothing`,
    [[...certificates.keys()], [...certificates.values()].map((c) => c.identity), [...certificates.values()].map((c) => c.pem)],
  );
}
