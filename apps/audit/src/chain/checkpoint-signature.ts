import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ChainHead } from './audit-entry';
import { canonicalize } from '@hookline/contract';

/**
 * A retention checkpoint stands in for a pruned prefix of an org's chain: the sequence and hash
 * of its last pruned record, signed (HMAC-SHA256 with HOOKLINE_AUDIT_CHECKPOINT_KEY) so a forged
 * checkpoint cannot hide a rewritten chain.
 */
export function signCheckpoint(key: string, orgId: string, checkpoint: ChainHead): string {
  const content = canonicalize({ org_id: orgId, sequence: checkpoint.sequence, hash: checkpoint.hash });
  return `v1=${createHmac('sha256', key).update(content, 'utf8').digest('hex')}`;
}

export function checkpointSignatureValid(key: string, orgId: string, checkpoint: ChainHead, signature: string): boolean {
  const expected = Buffer.from(signCheckpoint(key, orgId, checkpoint));
  const actual = Buffer.from(signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
