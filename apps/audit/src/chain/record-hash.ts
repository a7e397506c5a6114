import { chainedJson, chainHash } from '@hookline/contract';
import type { AuditEntry, ChainedEntry, ChainHead } from './audit-entry';

export { chainHash, GENESIS_HASH } from '@hookline/contract';

/**
 * The exact JSON a record's hash covers: its fields under their proto (snake_case) names, its
 * sequence and its producer's signature (`chainedJson` of @hookline/contract, which offline
 * verifiers use too). Empty strings and zeros are left out, so records stored before a field
 * existed keep their hash.
 */
export function canonicalRecord(entry: AuditEntry, sequence: number): string {
  return chainedJson(entry, sequence, entry);
}

/** Appends entries (in order) after `head`: consecutive sequence numbers, each hash covering the last. */
export function appendToChain(head: ChainHead, entries: AuditEntry[]): ChainedEntry[] {
  let { sequence, hash } = head;
  return entries.map((entry) => {
    sequence += 1;
    const prevHash = hash;
    hash = chainHash(prevHash, canonicalRecord(entry, sequence));
    return { ...entry, sequence, prevHash, hash };
  });
}
