import type { Pool } from 'pg';
import { withTransaction } from '@hookline/db';
import { PoisonRecordError, startConsumer, type Kafka, type RunningConsumer } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { Counter, type Registry } from '@hookline/telemetry';
import type { AuditEntry } from '../chain/audit-entry';
import { appendRecords } from './append-records';
import { AuditDeadLetters } from './audit-dead-letters';
import { decodeAuditRecord } from './decode-record';

export interface AuditConsumerOptions {
  kafka: Kafka;
  topic: string;
  groupId: string;
  pool: Pool;
  logger: Logger;
  metrics: Registry;
  progressIntervalMs?: number;
  stuckAfterMs?: number;
}

/**
 * Consumes the audit topic batch by batch: one transaction per batch appends every record to
 * its org's chain, and only then are the batch's offsets completed (a crash replays the batch,
 * and the replay is deduplicated by record id). A record that cannot be read, or that the
 * database still refuses, is dead-lettered with a gap entry in its org's chain; a database that
 * is away is waited for, never skipped.
 */
export async function startAuditConsumer(options: AuditConsumerOptions): Promise<RunningConsumer> {
  const { pool } = options;
  const stored = new Counter({ name: 'hookline_audit_records_stored_total', help: 'Audit records appended to a chain', registers: [options.metrics] });
  const duplicates = new Counter({ name: 'hookline_audit_records_duplicate_total', help: 'Redelivered audit records skipped', registers: [options.metrics] });

  return startConsumer(options.kafka, {
    name: 'audit-store',
    groupId: options.groupId,
    topic: options.topic,
    logger: options.logger,
    metrics: options.metrics,
    deadLetters: new AuditDeadLetters(pool),
    progressIntervalMs: options.progressIntervalMs,
    stuckAfterMs: options.stuckAfterMs,
    handle: async (messages, { deadLetter }) => {
      const now = new Date();
      const entries: AuditEntry[] = [];
      for (const message of messages) {
        const entry = decodeAuditRecord(message.value, now);
        if (entry) entries.push(entry);
        else if (message.value && message.value.length > 0) await deadLetter(message, new PoisonRecordError('not an AuditRecord'));
      }
      if (entries.length === 0) return;
      const result = await withTransaction(pool, (client) => appendRecords(client, entries));
      stored.inc(result.stored);
      duplicates.inc(result.duplicates);
    },
  });
}
