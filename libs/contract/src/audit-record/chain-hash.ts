import { createHash } from 'node:crypto';
import { canonicalize } from './canonical-json';
import { contentFields, type AuditRecordContent } from './record-content';

/** The prev_hash of an org's first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** Who signed a stored record; empty strings for a record stored before records were signed. */
export interface RecordSigner {
  /** Base64 of the producer's signature over the record's signed content. */
  signature: string;
  /** The identity of the signing service, e.g. `gateway`. */
  signer: string;
  /** Hex SHA-256 of the signer certificate's DER bytes. */
  signerCertificateSha256: string;
}

/** The chain fields beside the content, under their exported names. */
export const CHAIN_FIELD_NAMES = ['sequence', 'signature', 'signer', 'signer_certificate_sha256'] as const;

/**
 * The exact JSON a record's chain hash covers: its content under proto names, its sequence, and
 * its producer's signature. Empty strings and zeros are left out, so records stored before a
 * field existed (an unsigned record) keep their hash.
 */
export function chainedJson(record: AuditRecordContent, sequence: number, signer?: RecordSigner): string {
  const fields: Record<string, string | number> = { ...contentFields(record), sequence };
  if (signer?.signature) {
    fields.signature = signer.signature;
    fields.signer = signer.signer;
    fields.signer_certificate_sha256 = signer.signerCertificateSha256;
  }
  for (const [key, value] of Object.entries(fields)) if (value === '' || value === 0) delete fields[key];
  return canonicalize(fields);
}

/** hash = hex(SHA-256(prev_hash || canonical JSON)), prev_hash as its 64 hex characters. */
export function chainHash(prevHash: string, canonicalJson: string): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalJson, 'utf8').digest('hex');
}
