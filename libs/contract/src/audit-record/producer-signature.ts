import { createHash, createPrivateKey, sign, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { mayEmit } from './audit-producers';
import { signedContent, storedForm, type AuditRecordContent } from './record-content';

/** A producing service's signing material: the key of its mutual-TLS certificate. */
export interface ProducerKey {
  /** The identity the certificate names (its common name), e.g. `gateway`. */
  identity: string;
  certificate: X509Certificate;
  privateKey: KeyObject;
}

/** The identity a certificate names: its subject common name (as `@hookline/grpc` reads it). */
export function certificateIdentity(certificate: X509Certificate): string {
  const match = /^CN=(.+)$/m.exec(certificate.subject);
  return match ? match[1].trim() : '';
}

/** Hex SHA-256 of the certificate's DER bytes: how a stored record names its signer's certificate. */
export function certificateSha256(certificate: X509Certificate): string {
  return createHash('sha256').update(certificate.raw).digest('hex');
}

/** Reads a service certificate (PEM or DER) and its private key (PEM). */
export function producerKey(certificate: Buffer | string, privateKey: Buffer | string): ProducerKey {
  const parsed = new X509Certificate(certificate);
  const key = createPrivateKey(privateKey);
  if (!parsed.checkPrivateKey(key)) throw new Error('the private key does not belong to the certificate');
  return { identity: certificateIdentity(parsed), certificate: parsed, privateKey: key };
}

/** Ed25519/Ed448 hash internally; EC and RSA keys sign a SHA-256 digest. */
const digestFor = (key: KeyObject) => (key.asymmetricKeyType === 'ed25519' || key.asymmetricKeyType === 'ed448' ? null : 'sha256');

/** The producer's signature (DER for ECDSA) over `signedContent(record)`. */
export function signContent(key: ProducerKey, content: string): Buffer {
  return sign(digestFor(key.privateKey), Buffer.from(content, 'utf8'), key.privateKey);
}

/**
 * The record as a producer sends it: in its stored form (see `storedForm`), signed with the
 * service's key, carrying the certificate (DER) that names the service.
 */
export function signAuditRecord<T extends AuditRecordContent>(record: T, key: ProducerKey, now = new Date()): T & { signature: Buffer; signerCertificate: Buffer } {
  const stored = storedForm(record, now);
  return { ...stored, signature: signContent(key, signedContent(stored)), signerCertificate: key.certificate.raw };
}

/** The evidence a received or stored record offers about its producer. */
export function evidenceOf(record: AuditRecordContent, signature: Buffer, certificate: Buffer | string): ProducerEvidence {
  return { content: signedContent(record), kind: record.kind, signature, certificate };
}

/** Why a record's producer could not be verified. */
export type ProducerRefusal =
  | 'unsigned'
  | 'certificate_invalid'
  | 'certificate_not_from_ca'
  | 'certificate_not_valid_now'
  | 'signature_invalid'
  | 'producer_not_allowed';

export type ProducerVerdict =
  | { ok: true; producer: string; certificate: X509Certificate; certificateSha256: string }
  | { ok: false; reason: ProducerRefusal; message: string };

export interface ProducerEvidence {
  /** The signed text: `signedContent(record)`. */
  content: string;
  /** The record's kind (`access`, `change`, …): what `AUDIT_PRODUCERS` allows per identity. */
  kind: string;
  signature: Buffer;
  /** The signer's certificate, DER or PEM. */
  certificate: Buffer | string;
}

/** The certificates of a PEM bundle (a CA file may hold the old and the new CA while it rotates). */
export function parseCertificates(pem: Buffer | string): X509Certificate[] {
  const blocks = pem.toString().match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => new X509Certificate(block));
}

interface Certificate {
  certificate: X509Certificate;
  /** Hex SHA-256 of its DER bytes. */
  sha256: string;
  /** Issued by one of the CAs, and no CA itself. */
  fromCa: boolean;
}

/**
 * Checks who produced a record: the certificate was issued by one of `cas` (and is no CA
 * itself), the signature is valid over the record as it is, and the identity the certificate
 * names may emit records of the record's kind (`AUDIT_PRODUCERS`). `at`: also require the
 * certificate to be valid at that time (on arrival; a stored record outlives its certificate).
 * Certificates already checked against the CA are remembered by their DER hash.
 */
export class ProducerVerifier {
  private readonly issued = new Map<string, Certificate>();

  constructor(private readonly cas: readonly X509Certificate[]) {}

  verify(evidence: ProducerEvidence, at?: Date): ProducerVerdict {
    if (evidence.signature.length === 0 || evidence.certificate.length === 0) {
      return { ok: false, reason: 'unsigned', message: 'the record carries no producer signature' };
    }
    const known = this.certificateOf(evidence.certificate);
    if (!known) return { ok: false, reason: 'certificate_invalid', message: 'the signer certificate is not an X.509 certificate' };
    const { certificate, sha256 } = known;
    const identity = certificateIdentity(certificate);
    if (!known.fromCa) {
      return { ok: false, reason: 'certificate_not_from_ca', message: `the certificate naming "${identity}" was not issued by the configured CA` };
    }
    if (at && (Date.parse(certificate.validFrom) > at.getTime() || Date.parse(certificate.validTo) < at.getTime())) {
      return { ok: false, reason: 'certificate_not_valid_now', message: `the certificate of "${identity}" is not valid (${certificate.validFrom} – ${certificate.validTo})` };
    }
    let valid = false;
    try {
      valid = verify(digestFor(certificate.publicKey), Buffer.from(evidence.content, 'utf8'), certificate.publicKey, evidence.signature);
    } catch {
      valid = false;
    }
    if (!valid) return { ok: false, reason: 'signature_invalid', message: `the signature of "${identity}" does not match the record (altered after signing, or not signed by it)` };
    if (!mayEmit(identity, evidence.kind)) {
      return { ok: false, reason: 'producer_not_allowed', message: `"${identity}" may not emit "${evidence.kind}" audit records` };
    }
    return { ok: true, producer: identity, certificate, certificateSha256: sha256 };
  }

  private certificateOf(raw: Buffer | string): Certificate | undefined {
    // Keyed by the bytes as received: parsing a certificate costs far more than hashing it.
    const received = createHash('sha256').update(raw).digest('hex');
    let entry = this.issued.get(received);
    if (!entry) {
      let certificate: X509Certificate;
      try {
        certificate = new X509Certificate(raw);
      } catch {
        return undefined;
      }
      const fromCa = !certificate.ca && this.cas.some((ca) => certificate.checkIssued(ca) && certificate.verify(ca.publicKey));
      entry = { certificate, sha256: certificateSha256(certificate), fromCa };
      // Bounded: a flood of distinct certificates cannot grow it without end.
      if (this.issued.size >= 256) this.issued.clear();
      this.issued.set(received, entry);
    }
    return entry;
  }
}
