import { createHash } from 'node:crypto';
import { escapeHostileCharacters, storedForm } from '@hookline/contract';
import { eventsV1 } from '@hookline/proto';
import { UNSIGNED, type AuditEntry } from '../chain/audit-entry';

/**
 * Characters PostgreSQL refuses (NUL) or cannot encode (a lone surrogate; the protobuf decoder
 * yields U+FFFD for bad bytes, but the rule is the one sanitizer's): a record carrying one is
 * still stored, with the character written as its JSON escape, so no readable record is ever
 * dropped and the stored text is the hashed text.
 */
export const escapeUnstorable = escapeHostileCharacters;

/** A readable record off the topic, not yet checked: its entry and its producer's evidence. */
export interface ReceivedRecord {
  entry: AuditEntry;
  signature: Buffer;
  /** The signer's certificate as sent (DER). */
  certificate: Buffer;
}

/**
 * Turns one Kafka message value into an entry, or null when it is not a readable AuditRecord.
 * The entry is the record's stored form (`storedForm`: text escaped where PostgreSQL would
 * refuse it, time as millisecond RFC 3339 so the hashed text survives timestamptz unchanged);
 * producers sign that same form, so a signature checks against the entry as it will be stored.
 */
export function decodeAuditRecord(value: Buffer | null, receivedAt: Date): ReceivedRecord | null {
  if (!value || value.length === 0) return null;
  let decoded: eventsV1.AuditRecord;
  try {
    decoded = eventsV1.AuditRecord.decode(value);
  } catch {
    return null;
  }
  const { signature, signerCertificate, ...content } = decoded;
  const record = storedForm(content, receivedAt);
  return {
    entry: {
      ...record,
      // A record without an id still deduplicates: identical bytes give the identical id.
      id: record.id || `aud_${createHash('sha256').update(value).digest('hex').slice(0, 32)}`,
      kind: record.kind || 'access',
      ...UNSIGNED,
    },
    signature: Buffer.from(signature),
    certificate: Buffer.from(signerCertificate),
  };
}
