import type { Pool, PoolClient } from 'pg';
import type { ProducerVerifier } from '@hookline/contract';
import { withTransaction } from '@hookline/db';
import type { ChainHead } from '../chain/audit-entry';
import { ChainWalk, type ChainBreak } from '../chain/chain-walk';
import { ProducerWalk } from '../chain/producer-walk';
import { GENESIS_HASH } from '../chain/record-hash';
import { rowToEntry, SELECT_RECORD, signerCertificates, type RecordRow } from '../db/record-rows';
import { GAP_KIND } from '../store/audit-dead-letters';
import { checkpointSignatureValid } from '../chain/checkpoint-signature';

export interface ChainVerdict {
  valid: boolean;
  /** Records verified (still stored). */
  records: number;
  head: ChainHead;
  checkpointSequence: number;
  /** Verified records per producing service. */
  producers: Record<string, number>;
  /** Verified records stored before records were signed. */
  unsignedRecords: number;
  /** The first sequence that must carry a producer signature. */
  signedFromSequence: number;
  broken?: ChainBreak;
}

export interface VerifyOptions {
  checkpointKey: string | undefined;
  /** Checks each record's producer signature against the deployment CA. */
  verifier: ProducerVerifier;
}

const PAGE = 2_000;

/**
 * Verifies one org's chain inside a repeatable-read snapshot, so appends running meanwhile
 * neither break nor extend the walk. `upTo` stops early (retention verifies only what it prunes).
 */
export async function verifyChain(pool: Pool, orgId: string, options: VerifyOptions, upTo?: number): Promise<ChainVerdict> {
  return withTransaction(pool, (client) => walk(client, orgId, options, upTo), { isolation: 'repeatable read', readOnly: true });
}

async function walk(client: PoolClient, orgId: string, { checkpointKey, verifier }: VerifyOptions, upTo?: number): Promise<ChainVerdict> {
  const headRow = await client.query<{ sequence: string; hash: string; signed_from: string }>('select sequence, hash, signed_from from chain_head where org_id = $1', [orgId]);
  const recordedHead: ChainHead = headRow.rows[0] ? { sequence: Number(headRow.rows[0].sequence), hash: headRow.rows[0].hash } : { sequence: 0, hash: GENESIS_HASH };
  const producers = new ProducerWalk(verifier, headRow.rows[0] ? Number(headRow.rows[0].signed_from) : 1);
  const result = (verdict: Omit<ChainVerdict, 'producers' | 'unsignedRecords' | 'signedFromSequence'>): ChainVerdict => ({ ...verdict, ...producers.summary() });
  const checkpointRow = await client.query<{ sequence: string; hash: string; signature: string }>(
    'select sequence, hash, signature from chain_checkpoint where org_id = $1 order by sequence desc limit 1',
    [orgId],
  );
  let start: ChainHead = { sequence: 0, hash: GENESIS_HASH };
  const checkpoint = checkpointRow.rows[0];
  if (checkpoint) {
    start = { sequence: Number(checkpoint.sequence), hash: checkpoint.hash };
    if (!checkpointKey || !checkpointSignatureValid(checkpointKey, orgId, start, checkpoint.signature)) {
      const broken: ChainBreak = {
        sequence: start.sequence,
        id: '',
        reason: 'checkpoint_invalid',
        message: checkpointKey ? 'the retention checkpoint signature does not verify' : 'no checkpoint key is configured to verify the retention checkpoint',
        expectedSequence: start.sequence,
      };
      return result({ valid: false, records: 0, head: recordedHead, checkpointSequence: start.sequence, broken });
    }
  }

  const chain = new ChainWalk(start, async (hash) => {
    const found = await client.query<{ sequence: string }>('select sequence from audit_record where org_id = $1 and hash = $2 limit 1', [orgId, hash]);
    return found.rows[0] ? Number(found.rows[0].sequence) : undefined;
  });
  const last = upTo ?? Number.MAX_SAFE_INTEGER;
  let after = start.sequence;
  // A record that could not be stored left a gap entry: the chain is intact but not complete.
  let gap: ChainBreak | undefined;
  for (;;) {
    const { rows } = await client.query<RecordRow>(
      `${SELECT_RECORD} where org_id = $1 and sequence > $2 and sequence <= $3 order by sequence limit ${PAGE}`,
      [orgId, after, last],
    );
    const certificates = await signerCertificates(client, rows.map((row) => row.signer_certificate_sha256));
    for (const row of rows) {
      const entry = rowToEntry(row);
      const broken = await chain.check(entry);
      if (broken) return result({ valid: false, records: chain.records, head: recordedHead, checkpointSequence: start.sequence, broken });
      const unproven = producers.check(entry, certificates);
      if (unproven) return result({ valid: false, records: chain.records - 1, head: recordedHead, checkpointSequence: start.sequence, broken: unproven });
      if (!gap && row.kind === GAP_KIND) {
        gap = {
          sequence: Number(row.sequence),
          id: row.id,
          reason: 'dead_lettered',
          message: `an audit record (${row.resource_id}) could not be stored and is held in the dead letters; the chain is missing it here`,
          expectedSequence: Number(row.sequence),
        };
      }
    }
    if (rows.length < PAGE) break;
    after = Number(rows[rows.length - 1].sequence);
  }
  const broken = upTo === undefined ? chain.finish(recordedHead) : null;
  if (broken) return result({ valid: false, records: chain.records, head: recordedHead, checkpointSequence: start.sequence, broken });
  // Retention (`upTo`) may prune past a gap; a full verification names it.
  if (gap && upTo === undefined) return result({ valid: false, records: chain.records, head: chain.head, checkpointSequence: start.sequence, broken: gap });
  return result({ valid: true, records: chain.records, head: chain.head, checkpointSequence: start.sequence });
}
