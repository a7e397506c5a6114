import type { Pool } from 'pg';
import type { ProducerKey, ProducerVerifier } from '@hookline/contract';
import { withTransaction } from '@hookline/db';
import { PoisonRecordError, startConsumer, type Kafka, type RunningConsumer } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { Counter, type Registry } from '@hookline/telemetry';
import type { AuditEntry } from '../chain/audit-entry';
import { appendRecords } from './append-records';
import { AuditDeadLetters } from './audit-dead-letters';
import { decodeAuditRecord } from './decode-record';
import { checkProducer } from './producer-check';

export interface AuditConsumerOptions {
  kafka: Kafka;
  topic: string;
  groupId: string;
  pool: Pool;
  /** Checks each record's producer signature against the deployment CA. */
  verifier: ProducerVerifier;
  /** The audit service's own key: it signs the gap entries it writes. */
  signer: ProducerKey;
  logger: Logger;
  metrics: Registry;
  progressIntervalMs?: number;
  stuckAfterMs?: number;
}

/**
 * Consumes the audit topic batch by batch: one transaction per batch appends every record to
 * its org's chain, and only then are the batch's offsets completed (a crash replays the batch,
 * and the replay is deduplicated by record id). A record whose producer signature does not
 * verify is dead-lettered with the reason and never enters a chain. A record that cannot be
 * read, or that the database still refuses, is dead-lettered with a gap entry in its org's
 * chain; a database that is away is waited for, never skipped.
 */
export async function startAuditConsumer(options: AuditConsumerOptions): Promise<RunningConsumer> {
  const { pool, verifier } = options;
  const stored = new Counter({ name: 'hookline_audit_records_stored_total', help: 'Audit records appended to a chain', registers: [options.metrics] });
  const duplicates = new Counter({ name: 'hookline_audit_records_duplicate_total', help: 'Redelivered audit records skipped', registers: [options.metrics] });
  const refused = new Counter({
    name: 'hookline_audit_records_refused_total',
    help: 'Audit records dead-lettered because their producer signature did not verify',
    labelNames: ['reason'],
    registers: [options.metrics],
  });

  return startConsumer(options.kafka, {
    name: 'audit-store',
    groupId: options.groupId,
    topic: options.topic,
    logger: options.logger,
    metrics: options.metrics,
    deadLetters: new AuditDeadLetters(pool, verifier, options.signer),
    progressIntervalMs: options.progressIntervalMs,
    stuckAfterMs: options.stuckAfterMs,
    handle: async (messages, { deadLetter }) => {
      const now = new Date();
      const entries: AuditEntry[] = [];
      for (const message of messages) {
        const received = decodeAuditRecord(message.value, now);
        if (!received) {
          if (message.value && message.value.length > 0) await deadLetter(message, new PoisonRecordError('not an AuditRecord'));
          continue;
        }
        const checked = checkProducer(verifier, received, now);
        if (checked instanceof Error) {
          refused.inc({ reason: checked.reason });
          await deadLetter(message, checked);
        } else entries.push(checked);
      }
      if (entries.length === 0) return;
      const result = await withTransaction(pool, (client) => appendRecords(client, entries));
      stored.inc(result.stored);
      duplicates.inc(result.duplicates);
    },
  });
}
