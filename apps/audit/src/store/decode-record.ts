import { createHash } from 'node:crypto';
import { escapeHostileCharacters } from '@hookline/contract';
import { eventsV1 } from '@hookline/proto';
import type { AuditEntry } from '../chain/audit-entry';

/**
 * Characters PostgreSQL refuses (NUL) or cannot encode (a lone surrogate; the protobuf decoder
 * yields U+FFFD for bad bytes, but the rule is the one sanitizer's): a record carrying one is
 * still stored, with the character written as its JSON escape, so no readable record is ever
 * dropped and the stored text is the hashed text.
 */
export const escapeUnstorable = escapeHostileCharacters;

/**
 * Turns one Kafka message value into an entry, or null when it is not a readable AuditRecord.
 * Time is normalised to millisecond ISO form so the hashed text survives timestamptz unchanged;
 * string fields are escaped where PostgreSQL would refuse them (see `escapeUnstorable`).
 */
export function decodeAuditRecord(value: Buffer | null, receivedAt: Date): AuditEntry | null {
  if (!value || value.length === 0) return null;
  let decoded: eventsV1.AuditRecord;
  try {
    decoded = eventsV1.AuditRecord.decode(value);
  } catch {
    return null;
  }
  const record = Object.fromEntries(
    Object.entries(decoded).map(([field, fieldValue]) => [field, typeof fieldValue === 'string' ? escapeUnstorable(fieldValue) : fieldValue]),
  ) as eventsV1.AuditRecord;
  const parsed = record.time ? new Date(record.time) : receivedAt;
  const time = Number.isNaN(parsed.getTime()) ? receivedAt : parsed;
  return {
    // A record without an id still deduplicates: identical bytes give the identical id.
    id: record.id || `aud_${createHash('sha256').update(value).digest('hex').slice(0, 32)}`,
    orgId: record.orgId,
    kind: record.kind || 'access',
    actorKind: record.actorKind,
    actorKeyId: record.actorKeyId,
    actorOwner: record.actorOwner,
    actorRole: record.actorRole,
    action: record.action,
    resourceType: record.resourceType,
    resourceId: record.resourceId,
    requestId: record.requestId,
    ip: record.ip,
    userAgent: record.userAgent,
    httpStatus: record.httpStatus,
    outcome: record.outcome,
    latencyMs: record.latencyMs,
    time: time.toISOString(),
    beforeJson: record.beforeJson,
    afterJson: record.afterJson,
    source: record.source,
  };
}
