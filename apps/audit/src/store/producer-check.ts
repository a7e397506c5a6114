import { evidenceOf, STORE_ONLY_KINDS, type ProducerRefusal, type ProducerVerifier } from '@hookline/contract';
import { PoisonRecordError } from '@hookline/kafka';
import type { AuditEntry } from '../chain/audit-entry';
import type { ReceivedRecord } from './decode-record';

/** Why a received record may not enter a chain: its producer is not proven. */
export class ProducerRefusedError extends PoisonRecordError {
  constructor(
    readonly reason: ProducerRefusal | 'store_only_kind',
    message: string,
  ) {
    super(`${reason}: ${message}`);
    this.name = 'ProducerRefusedError';
  }
}

/**
 * The entry to chain, with its signer, or why it is refused: the signature must come from a
 * certificate of the configured CA, valid now, whose identity may emit the record's kind, and
 * hold over the record as received. A kind only the audit service writes is never accepted
 * from the topic, whoever signed it.
 */
export function checkProducer(verifier: ProducerVerifier, received: ReceivedRecord, now: Date): AuditEntry | ProducerRefusedError {
  const { entry } = received;
  if (STORE_ONLY_KINDS.includes(entry.kind)) {
    return new ProducerRefusedError('store_only_kind', `"${entry.kind}" records are written by the audit service itself, never received`);
  }
  const verdict = verifier.verify(evidenceOf(entry, received.signature, received.certificate), now);
  if (!verdict.ok) return new ProducerRefusedError(verdict.reason, verdict.message);
  return {
    ...entry,
    signature: received.signature.toString('base64'),
    signer: verdict.producer,
    signerCertificateSha256: verdict.certificateSha256,
    signerCertificatePem: verdict.certificate.toString(),
  };
}
