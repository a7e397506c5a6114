import type { Pool } from 'pg';
import { startBatchConsumer, type Kafka, type RunningConsumer } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { Counter, type Registry } from '@hookline/telemetry';
import type { AuditEntry } from '../chain/audit-entry';
import { appendRecords } from './append-records';
import { decodeAuditRecord } from './decode-record';

export interface AuditConsumerOptions {
  kafka: Kafka;
  topic: string;
  groupId: string;
  pool: Pool;
  logger: Logger;
  metrics: Registry;
}

/**
 * Consumes the audit topic batch by batch: one transaction per batch appends every record to
 * its org's chain, and only then are the batch's offsets resolved (a crash replays the batch,
 * and the replay is deduplicated by record id).
 */
export async function startAuditConsumer(options: AuditConsumerOptions): Promise<RunningConsumer> {
  const { pool, logger } = options;
  const stored = new Counter({ name: 'audit_records_stored_total', help: 'Audit records appended to a chain', registers: [options.metrics] });
  const duplicates = new Counter({ name: 'audit_records_duplicate_total', help: 'Redelivered audit records skipped', registers: [options.metrics] });
  const unreadable = new Counter({ name: 'audit_records_unreadable_total', help: 'Audit topic messages that are not AuditRecords', registers: [options.metrics] });

  return startBatchConsumer(options.kafka, {
    groupId: options.groupId,
    topics: [options.topic],
    logger,
    maxWaitTimeInMs: 500,
    eachBatch: async (batch, { resolveOffset, heartbeat }) => {
      if (batch.messages.length === 0) return;
      const now = new Date();
      const entries: AuditEntry[] = [];
      for (const message of batch.messages) {
        const entry = decodeAuditRecord(message.value, now);
        if (entry) entries.push(entry);
        else {
          unreadable.inc();
          logger.warn({ partition: batch.partition, offset: message.offset }, 'skipping an unreadable audit message');
        }
      }
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await appendRecords(client, entries);
        await client.query('commit');
        stored.inc(result.stored);
        duplicates.inc(result.duplicates);
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      resolveOffset(batch.messages[batch.messages.length - 1].offset);
      await heartbeat();
    },
  });
}
