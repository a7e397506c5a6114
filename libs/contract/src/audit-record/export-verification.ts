import type { X509Certificate } from 'node:crypto';
import { canonicalize } from './canonical-json';
import { CHAIN_FIELD_NAMES, chainHash } from './chain-hash';
import { ProducerVerifier } from './producer-signature';

export interface ExportBreak {
  /** 1-based line of the export. */
  line: number;
  sequence: number;
  reason: 'unreadable' | 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'producer_unsigned' | 'producer_invalid';
  message: string;
}

export interface ExportVerdict {
  valid: boolean;
  records: number;
  firstSequence: number;
  lastSequence: number;
  /** Records per producing service, e.g. `{ gateway: 12, registry: 3 }`. */
  producers: Record<string, number>;
  /** Unsigned records accepted because they come before `unsignedThrough`. */
  unsignedRecords: number;
  broken?: ExportBreak;
}

export interface ExportCheckOptions {
  /** The deployment CA (one or several certificates). */
  cas: readonly X509Certificate[];
  /**
   * Records up to this sequence may be unsigned (stored before records were signed: the chain's
   * `signed_from_sequence` minus one, from `verify`). Default 0: every record must be signed.
   */
  unsignedThrough?: number;
}

/**
 * Verifies an export (`GET /v1/audit-logs/export`, one JSON object per line) without the
 * platform: each line's hash covers its canonical record and the previous line's hash, the
 * sequences follow each other, and each record carries a signature, valid over its content,
 * from a certificate issued by the CA whose identity may emit the record's kind. An export of
 * a time range starts mid-chain: its first line's prev_hash is taken as given.
 */
export function verifyExport(lines: readonly string[], options: ExportCheckOptions): ExportVerdict {
  const verifier = new ProducerVerifier(options.cas);
  const verdict: ExportVerdict = { valid: true, records: 0, firstSequence: 0, lastSequence: 0, producers: {}, unsignedRecords: 0 };
  let previous: { sequence: number; hash: string } | undefined;
  let lineNumber = 0;
  const fail = (sequence: number, reason: ExportBreak['reason'], message: string): ExportVerdict => ({
    ...verdict,
    valid: false,
    broken: { line: lineNumber, sequence, reason, message },
  });

  for (const text of lines) {
    lineNumber += 1;
    if (text.trim() === '') continue;
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return fail(0, 'unreadable', 'the line is not JSON');
    }
    const { hash, prev_hash: prevHash, signer_certificate: certificatePem, ...hashed } = line;
    const sequence = hashed.sequence;
    if (typeof hash !== 'string' || typeof prevHash !== 'string' || typeof sequence !== 'number' || !Number.isSafeInteger(sequence)) {
      return fail(0, 'unreadable', 'the line lacks hash, prev_hash or sequence');
    }
    if (previous && sequence !== previous.sequence + 1) {
      return fail(sequence, 'sequence_gap', `records ${previous.sequence + 1}..${sequence - 1} are missing`);
    }
    if (previous && prevHash !== previous.hash) {
      return fail(sequence, 'prev_hash_mismatch', `prev_hash does not equal the hash of record ${previous.sequence}`);
    }
    let canonical: string;
    try {
      canonical = canonicalize(hashed);
    } catch {
      return fail(sequence, 'unreadable', 'the record holds a value canonical JSON cannot represent');
    }
    if (chainHash(prevHash, canonical) !== hash) {
      return fail(sequence, 'hash_mismatch', "the record's content does not match its hash");
    }

    const producer = checkProducer(verifier, hashed, certificatePem, sequence <= (options.unsignedThrough ?? 0));
    if (producer.reason) return fail(sequence, producer.reason, producer.message);
    if (producer.identity) verdict.producers[producer.identity] = (verdict.producers[producer.identity] ?? 0) + 1;
    else verdict.unsignedRecords += 1;

    if (verdict.records === 0) verdict.firstSequence = sequence;
    verdict.records += 1;
    verdict.lastSequence = sequence;
    previous = { sequence, hash };
  }
  return verdict;
}

type ProducerCheck = { reason?: undefined; identity?: string } | { reason: 'producer_unsigned' | 'producer_invalid'; message: string };

function checkProducer(verifier: ProducerVerifier, hashed: Record<string, unknown>, certificatePem: unknown, mayBeUnsigned: boolean): ProducerCheck {
  const { signature, signer, signer_certificate_sha256: certificateSha256 } = hashed;
  if (signature === undefined) {
    return mayBeUnsigned ? {} : { reason: 'producer_unsigned', message: 'the record carries no producer signature' };
  }
  if (typeof signature !== 'string' || typeof certificatePem !== 'string') {
    return { reason: 'producer_invalid', message: 'the record lacks its signer_certificate' };
  }
  const content: Record<string, unknown> = { ...hashed };
  for (const name of CHAIN_FIELD_NAMES) delete content[name];
  const verdict = verifier.verify({ content: canonicalize(content), kind: typeof content.kind === 'string' ? content.kind : '', signature: Buffer.from(signature, 'base64'), certificate: certificatePem });
  if (!verdict.ok) return { reason: 'producer_invalid', message: verdict.message };
  if (verdict.certificateSha256 !== certificateSha256 || verdict.producer !== signer) {
    return { reason: 'producer_invalid', message: 'signer or signer_certificate_sha256 does not match the certificate that signed the record' };
  }
  return { identity: verdict.producer };
}
