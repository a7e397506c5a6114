import type { ChainedEntry, ChainHead } from './audit-entry';
import { canonicalRecord, chainHash } from './record-hash';

export type BreakReason =
  | 'hash_mismatch'
  | 'prev_hash_mismatch'
  | 'sequence_gap'
  | 'reordered'
  | 'head_mismatch'
  | 'checkpoint_invalid'
  | 'dead_lettered'
  | 'producer_unsigned'
  | 'producer_invalid';

export interface ChainBreak {
  /** The first record that does not verify (for a gap: the first record found after it). */
  sequence: number;
  id: string;
  reason: BreakReason;
  message: string;
  expectedSequence: number;
}

/** Finds which sequence (if any) holds a record with this hash: tells a reordering from an edit. */
export type LocateHash = (hash: string) => Promise<number | undefined>;

/**
 * Walks one org's chain record by record (in sequence order) from a trusted start: the genesis
 * or a retention checkpoint. Stops at the first record that does not verify and says why.
 */
export class ChainWalk {
  private expected: number;
  private running: string;
  private verified = 0;

  constructor(
    start: ChainHead,
    private readonly locate: LocateHash,
  ) {
    this.expected = start.sequence + 1;
    this.running = start.hash;
  }

  get records(): number {
    return this.verified;
  }

  get head(): ChainHead {
    return { sequence: this.expected - 1, hash: this.running };
  }

  async check(record: ChainedEntry): Promise<ChainBreak | null> {
    const at = { sequence: record.sequence, id: record.id, expectedSequence: this.expected };
    if (record.sequence !== this.expected || record.prevHash !== this.running) {
      // The record links to one that exists elsewhere in the chain: records were moved, not lost.
      const linkedTo = await this.locate(record.prevHash);
      if (linkedTo !== undefined && linkedTo !== this.expected - 1) {
        return { ...at, reason: 'reordered', message: `record ${record.sequence} follows record ${linkedTo} in the chain, not record ${this.expected - 1}` };
      }
      if (record.sequence !== this.expected) {
        return { ...at, reason: 'sequence_gap', message: `records ${this.expected}..${record.sequence - 1} are missing` };
      }
      return { ...at, reason: 'prev_hash_mismatch', message: `prev_hash does not equal the hash of record ${this.expected - 1}` };
    }
    const recomputed = chainHash(record.prevHash, canonicalRecord(record, record.sequence));
    if (recomputed !== record.hash) {
      return { ...at, reason: 'hash_mismatch', message: `the record's content does not match its hash (it was edited after it was stored)` };
    }
    this.expected += 1;
    this.running = record.hash;
    this.verified += 1;
    return null;
  }

  /** After the last record: the walk must end exactly at the org's recorded chain head. */
  finish(head: ChainHead): ChainBreak | null {
    const { sequence, hash } = this.head;
    if (head.sequence > sequence) {
      return {
        sequence: sequence + 1,
        id: '',
        reason: 'head_mismatch',
        message: `the chain ends at record ${sequence} but its head is record ${head.sequence}: records were deleted`,
        expectedSequence: sequence + 1,
      };
    }
    if (head.sequence !== sequence || head.hash !== hash) {
      return { sequence, id: '', reason: 'head_mismatch', message: `the last record does not match the chain head`, expectedSequence: sequence };
    }
    return null;
  }
}
