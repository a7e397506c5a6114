import { signAuditRecord, type ProducerKey } from '@hookline/contract';
import type { Database } from '@hookline/db';
import { ensureTopics, type BatchingProducer, type TopicNames } from '@hookline/kafka';
import type { Kafka } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { eventsV1 } from '@hookline/proto';
import type { PoolClient } from 'pg';
import { outboxChannel, type OutboxTopic } from './outbox';

export interface OutboxRelayOptions {
  db: Database;
  producer: BatchingProducer;
  topics: TopicNames;
  /** The registry's certificate and key: each audit record is signed with it as it is published. */
  signer: ProducerKey;
  logger: Logger;
  /** Fallback poll (ms): a commit wakes the relay at once through LISTEN/NOTIFY. */
  pollMs: number;
  batchSize?: number;
}

export interface OutboxRelay {
  /** Publishes what is pending now (tests and shutdown use it); resolves with how many were sent. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

interface OutboxRow {
  seq: string;
  topic: OutboxTopic;
  message_key: string;
  payload: Buffer;
}

/**
 * An audit record as the audit service accepts it: signed by the registry. Signed when published,
 * not when queued, so the outbox table holds no signature and the key stays in the process.
 */
function signedAudit(payload: Buffer, signer: ProducerKey): Buffer {
  return Buffer.from(eventsV1.AuditRecord.encode(signAuditRecord(eventsV1.AuditRecord.decode(payload), signer)).finish());
}

/** The change feeds are compacted: the latest change of each webhook (and credential) is kept forever. */
export async function ensureOutboxTopics(kafka: Kafka, topics: TopicNames): Promise<void> {
  await ensureTopics(kafka, [
    { topic: topics.webhookChanges, numPartitions: 3, config: { 'cleanup.policy': 'compact' } },
    { topic: topics.credentialChanges, numPartitions: 1, config: { 'cleanup.policy': 'compact' } },
    { topic: topics.audit, numPartitions: 3 },
  ]);
}

/**
 * Publishes committed outbox rows in sequence order and marks them sent. One relay works at a time
 * (transaction-level advisory lock), so changes to one webhook reach Kafka in commit order: its
 * writers serialise on the webhook row, so their rows' sequence numbers follow commit order.
 * At-least-once: a crash after the produce and before the mark re-sends (record ids dedupe).
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const batchSize = options.batchSize ?? 500;
  let stopped = false;
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let passes = 0;

  const publishBatch = () =>
    options.db.transaction(async (client) => {
      const lock = await client.query<{ ok: boolean }>(`select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox')) as ok`);
      if (!lock.rows[0].ok) return 0;
      const { rows } = await client.query<OutboxRow>(
        `select seq, topic, message_key, payload from outbox where sent_at is null order by seq limit $1`,
        [batchSize],
      );
      if (rows.length === 0) return 0;
      const messagesFor = (topic: OutboxTopic) => rows.filter((r) => r.topic === topic).map((r) => ({ key: r.message_key, value: r.payload }));
      const audits = messagesFor('audit').map((message) => ({ ...message, value: signedAudit(message.value, options.signer) }));
      await Promise.all([
        options.producer.send(options.topics.webhookChanges, messagesFor('webhook_change')),
        options.producer.send(options.topics.credentialChanges, messagesFor('credential_change')),
        options.producer.send(options.topics.audit, audits),
      ]);
      await client.query(`update outbox set sent_at = now() where seq = any($1::bigint[])`, [rows.map((r) => r.seq)]);
      return rows.length;
    });

  const drain = async (): Promise<number> => {
    // One pass at a time; a caller arriving mid-pass waits for it, then runs its own.
    while (running) await running.catch(() => undefined);
    let total = 0;
    running = (async () => {
      for (;;) {
        const sent = await publishBatch();
        total += sent;
        if (sent < batchSize) break;
      }
      // Sent rows are only kept a day, for inspection.
      if (++passes % 1000 === 0) {
        await options.db.pool.query(`delete from outbox where sent_at < now() - interval '1 day'`);
      }
      return total;
    })();
    try {
      return await running;
    } finally {
      running = null;
    }
  };

  const tick = () => {
    if (stopped) return;
    if (!listener) void listen();
    drain()
      .catch((error) => options.logger.warn({ err: error }, 'outbox relay pass failed; retrying'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.pollMs);
      });
  };
  // A committed write wakes the relay at once; the poll covers a lost listening connection.
  let listener: PoolClient | null = null;
  let listening: Promise<void> | null = null;
  const wake = () => {
    if (stopped) return;
    void drain().catch((error) => options.logger.warn({ err: error }, 'outbox relay pass failed; retrying'));
  };
  const listen = () =>
    (listening ??= (async () => {
      try {
        const client = await options.db.pool.connect();
        client.on('notification', wake);
        client.on('error', (error) => {
          options.logger.warn({ err: error }, 'outbox listener connection lost; polling until it is back');
          if (listener === client) listener = null;
          client.release(error);
        });
        await client.query(`listen ${client.escapeIdentifier(outboxChannel(options.db.schema))}`);
        listener = client;
        // Rows committed before LISTEN took effect are picked up by this pass.
        wake();
      } catch (error) {
        options.logger.warn({ err: error }, 'could not listen for outbox commits; polling');
      } finally {
        listening = null;
      }
    })());
  void listen();
  timer = setTimeout(tick, options.pollMs);

  return {
    drain,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await listening;
      if (listener) {
        const client = listener;
        listener = null;
        client.removeAllListeners('notification');
        await client.query('unlisten *').catch(() => undefined);
        client.release();
      }
      while (running) await running.catch(() => undefined);
    },
  };
}
