import { evidenceOf, type ProducerVerifier } from '@hookline/contract';
import type { ChainedEntry } from './audit-entry';
import type { ChainBreak } from './chain-walk';

/**
 * Checks, along a chain walk, who produced each record: its signature is checked again against
 * its stored certificate and the CA, and the signer must be the identity the certificate names
 * and allowed to emit the record's kind. Records before `signedFrom` (stored before records were
 * signed) may be unsigned and are counted as such; any later record must be signed.
 */
export class ProducerWalk {
  private readonly producers: Record<string, number> = {};
  private unsigned = 0;

  constructor(
    private readonly verifier: ProducerVerifier,
    private readonly signedFrom: number,
  ) {}

  summary() {
    return { producers: { ...this.producers }, unsignedRecords: this.unsigned, signedFromSequence: this.signedFrom };
  }

  /** `certificates`: PEM by DER hash, for the records being walked. */
  check(record: ChainedEntry, certificates: ReadonlyMap<string, string>): ChainBreak | null {
    const at = { sequence: record.sequence, id: record.id, expectedSequence: record.sequence };
    if (!record.signature) {
      if (record.sequence < this.signedFrom) {
        this.unsigned += 1;
        return null;
      }
      return { ...at, reason: 'producer_unsigned', message: 'the record carries no producer signature' };
    }
    const certificate = certificates.get(record.signerCertificateSha256);
    if (!certificate) return { ...at, reason: 'producer_invalid', message: "the signer's certificate is not stored" };
    const verdict = this.verifier.verify(evidenceOf(record, Buffer.from(record.signature, 'base64'), certificate));
    if (!verdict.ok) return { ...at, reason: 'producer_invalid', message: verdict.message };
    if (verdict.producer !== record.signer || verdict.certificateSha256 !== record.signerCertificateSha256) {
      return { ...at, reason: 'producer_invalid', message: 'the stored signer does not match the certificate that signed the record' };
    }
    this.producers[verdict.producer] = (this.producers[verdict.producer] ?? 0) + 1;
    return null;
  }
}
