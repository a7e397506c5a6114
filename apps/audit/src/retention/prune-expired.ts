import type { Pool } from 'pg';
import type { ProducerVerifier } from '@hookline/contract';
import type { Logger } from '@hookline/logging';
import { verifyChain } from '../query/verify-chain';
import { signCheckpoint } from '../chain/checkpoint-signature';

export interface RetentionPolicy {
  retentionDays: number;
  checkpointKey: string;
  /** Producer signatures are verified too before a prefix is pruned. */
  verifier: ProducerVerifier;
}

/**
 * Prunes, per org, the longest prefix of the chain whose records are all older than the
 * retention period. The prefix is verified first (a checkpoint must never bless a tampered
 * chain), then audit_prune deletes it and stores the signed checkpoint in one transaction.
 */
export async function pruneExpired(pool: Pool, policy: RetentionPolicy, logger: Logger, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - policy.retentionDays * 86_400_000);
  const { rows: orgs } = await pool.query<{ org_id: string; sequence: string }>('select org_id, sequence from chain_head');
  let pruned = 0;
  for (const org of orgs) {
    const { rows } = await pool.query<{ first_kept: string | null; first_stored: string | null }>(
      `select (select min(sequence) from audit_record where org_id = $1 and occurred_at >= $2) as first_kept,
              (select min(sequence) from audit_record where org_id = $1) as first_stored`,
      [org.org_id, cutoff],
    );
    const firstStored = rows[0].first_stored === null ? null : Number(rows[0].first_stored);
    if (firstStored === null) continue;
    const lastExpired = rows[0].first_kept === null ? Number(org.sequence) : Number(rows[0].first_kept) - 1;
    if (lastExpired < firstStored) continue;

    const verdict = await verifyChain(pool, org.org_id, policy, lastExpired);
    if (!verdict.valid || verdict.head.sequence !== lastExpired) {
      logger.error({ orgId: org.org_id, broken: verdict.broken }, 'audit chain does not verify: not pruning it');
      continue;
    }
    const signature = signCheckpoint(policy.checkpointKey, org.org_id, verdict.head);
    const result = await pool.query<{ pruned: string }>('select audit_prune($1, $2, $3, $4) as pruned', [
      org.org_id,
      verdict.head.sequence,
      verdict.head.hash,
      signature,
    ]);
    pruned += Number(result.rows[0].pruned);
    logger.info({ orgId: org.org_id, throughSequence: verdict.head.sequence }, 'pruned expired audit records');
  }
  return pruned;
}
