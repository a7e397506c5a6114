import type { Database } from '@hookline/db';
import { ensureTopics, type BatchingProducer, type TopicNames } from '@hookline/kafka';
import type { Kafka } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';

export interface OutboxRelayOptions {
  db: Database;
  producer: BatchingProducer;
  topics: TopicNames;
  logger: Logger;
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
  topic: 'webhook_change' | 'audit';
  message_key: string;
  payload: Buffer;
}

/** The change feed is compacted: the latest change of each webhook is kept forever. */
export async function ensureOutboxTopics(kafka: Kafka, topics: TopicNames): Promise<void> {
  await ensureTopics(kafka, [
    { topic: topics.webhookChanges, numPartitions: 3, config: { 'cleanup.policy': 'compact' } },
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
      const changes = rows.filter((r) => r.topic === 'webhook_change').map((r) => ({ key: r.message_key, value: r.payload }));
      const audits = rows.filter((r) => r.topic === 'audit').map((r) => ({ key: r.message_key, value: r.payload }));
      await Promise.all([
        options.producer.send(options.topics.webhookChanges, changes),
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
    drain()
      .catch((error) => options.logger.warn({ err: error }, 'outbox relay pass failed; retrying'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.pollMs);
      });
  };
  timer = setTimeout(tick, options.pollMs);

  return {
    drain,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      while (running) await running.catch(() => undefined);
    },
  };
}
