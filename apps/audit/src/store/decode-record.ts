import { createHash } from 'node:crypto';
import { eventsV1 } from '@hookline/proto';
import type { AuditEntry } from '../chain/audit-entry';

/**
 * Turns one Kafka message value into an entry, or null when it is not a readable AuditRecord.
 * Time is normalised to millisecond ISO form so the hashed text survives timestamptz unchanged.
 */
export function decodeAuditRecord(value: Buffer | null, receivedAt: Date): AuditEntry | null {
  if (!value || value.length === 0) return null;
  let record: eventsV1.AuditRecord;
  try {
    record = eventsV1.AuditRecord.decode(value);
  } catch {
    return null;
  }
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
