import { createHash } from 'node:crypto';
import { DeadLetters, type DeadLetterRecord, type DeadLetterSink } from '@hookline/kafka';
import type { Pool } from 'pg';
import { withTransaction } from '@hookline/db';
import type { AuditEntry } from '../chain/audit-entry';
import { appendRecords } from './append-records';
import { escapeUnstorable } from './decode-record';

/** The kind of a chain entry standing for a record that could not be read (see verify). */
export const GAP_KIND = 'gap';

/**
 * An audit record that cannot be stored goes to the dead-letter table, and its org's chain gets
 * a gap entry in its place (the message key is the org id): `verify` then names the gap instead
 * of reporting a clean chain. The gap's id derives from the record's place in the topic, so a
 * retry after a failure between the two writes adds no second gap.
 */
export class AuditDeadLetters implements DeadLetterSink {
  private readonly table: DeadLetters;

  constructor(private readonly pool: Pool) {
    this.table = new DeadLetters(pool);
  }

  async store(record: DeadLetterRecord): Promise<boolean> {
    const stored = await this.table.store(record);
    const orgId = escapeUnstorable(record.message.key?.toString('utf8') ?? '');
    if (!orgId) return stored;
    const place = `${record.topic}/${record.partition}/${record.message.offset}`;
    const gap: AuditEntry = {
      id: `aud_gap_${createHash('sha256').update(place).digest('hex').slice(0, 32)}`,
      orgId,
      kind: GAP_KIND,
      actorKind: 'system',
      actorKeyId: '',
      actorOwner: 'audit',
      actorRole: '',
      action: 'audit.record_unreadable',
      resourceType: 'audit_record',
      resourceId: place,
      requestId: '',
      ip: '',
      userAgent: '',
      httpStatus: 0,
      outcome: 'dead_lettered',
      latencyMs: 0,
      time: new Date().toISOString(),
      beforeJson: '',
      afterJson: JSON.stringify({ error: record.error.slice(0, 500) }),
      source: 'audit',
    };
    await withTransaction(this.pool, (client) => appendRecords(client, [gap]));
    return stored;
  }
}
