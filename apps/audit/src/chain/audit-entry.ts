import type { AuditRecordContent, RecordSigner } from '@hookline/contract';

/**
 * One audit record as the service knows it: an API call ("access"), a state change ("change"),
 * or a gap standing for a record it could not store; with the signature of the service that
 * produced it (empty strings for a record stored before records were signed).
 */
export interface AuditEntry extends AuditRecordContent, RecordSigner {
  /** The signer's certificate (PEM): stored once per certificate, exported with each record. */
  signerCertificatePem?: string;
}

/** An entry with its place in its org's chain. */
export interface ChainedEntry extends AuditEntry {
  sequence: number;
  prevHash: string;
  hash: string;
}

export interface ChainHead {
  sequence: number;
  hash: string;
}

/** The signer fields of a record that carries no signature. */
export const UNSIGNED: RecordSigner = { signature: '', signer: '', signerCertificateSha256: '' };
