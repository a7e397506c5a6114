import { createHash, randomBytes } from 'node:crypto';
import type { KafkaMessage } from 'kafkajs';
import type { Pool } from 'pg';

/** Raw bytes kept per dead letter; a longer value is kept truncated (and cannot be replayed). */
export const DEAD_LETTER_MAX_BYTES = 256 * 1024;

/**
 * The dead-letter table each consuming service creates in its own schema (run it from a
 * migration). One row per (consumer, topic, partition, offset): a redelivered poison record
 * does not add a second row.
 */
export const DEAD_LETTER_TABLE_SQL = `create table if not exists dead_letter (
  id text primary key,
  consumer text not null,
  topic text not null,
  partition integer not null,
  "offset" bigint not null,
  key bytea,
  value bytea,
  value_size integer not null default 0,
  truncated boolean not null default false,
  error text not null,
  created_at timestamptz not null default now(),
  replayed_at timestamptz,
  replay_count integer not null default 0,
  constraint dead_letter_record_unique unique (consumer, topic, partition, "offset")
)`;

export interface DeadLetterRecord {
  consumer: string;
  topic: string;
  partition: number;
  message: KafkaMessage;
  error: string;
}

/**
 * A row a batched writer could never write (see writeIsolatingPoison). It is kept in the same
 * table as the records consumers set aside, under `topic` `row:<table>` and partition -1: listed
 * and counted with them, never replayed to a topic (it did not come from one).
 */
export interface DeadRow {
  writer: string;
  table: string;
  /** The row's own id: the same row set aside twice is stored once. */
  key: string;
  row: unknown;
  error: string;
}

/** The partition of a dead row: no topic has it. */
export const DEAD_ROW_PARTITION = -1;

/** Where a consumer puts what it can never process. A failure to store is transient (retried). */
export interface DeadLetterSink {
  /** Whether the record is new here (a redelivered or retried one is stored once). */
  store(record: DeadLetterRecord): Promise<boolean>;
}

export interface DeadLetter {
  id: string;
  consumer: string;
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  valueSize: number;
  truncated: boolean;
  error: string;
  createdAt: Date;
  replayedAt: Date | null;
  replayCount: number;
}

interface DeadLetterRow {
  id: string;
  consumer: string;
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  value_size: number;
  truncated: boolean;
  error: string;
  created_at: Date;
  replayed_at: Date | null;
  replay_count: number;
}

const toDeadLetter = (row: DeadLetterRow): DeadLetter => ({
  id: row.id,
  consumer: row.consumer,
  topic: row.topic,
  partition: row.partition,
  offset: String(row.offset),
  key: row.key,
  value: row.value,
  valueSize: row.value_size,
  truncated: row.truncated,
  error: row.error,
  createdAt: row.created_at,
  replayedAt: row.replayed_at,
  replayCount: row.replay_count,
});

/** `dlq_` + time (so ids sort by creation) + randomness. */
function newDeadLetterId(): string {
  return `dlq_${Date.now().toString(36).padStart(10, '0')}${randomBytes(8).toString('hex')}`;
}

/** The dead-letter table of one service's schema (the pool's search_path). */
export class DeadLetters implements DeadLetterSink {
  constructor(private readonly pool: Pool) {}

  async store({ consumer, topic, partition, message, error }: DeadLetterRecord): Promise<boolean> {
    const value = message.value ?? null;
    const truncated = value !== null && value.length > DEAD_LETTER_MAX_BYTES;
    const result = await this.pool.query(
      `insert into dead_letter (id, consumer, topic, partition, "offset", key, value, value_size, truncated, error)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (consumer, topic, partition, "offset") do nothing`,
      [
        newDeadLetterId(),
        consumer,
        topic,
        partition,
        message.offset,
        message.key ?? null,
        truncated ? value.subarray(0, DEAD_LETTER_MAX_BYTES) : value,
        value?.length ?? 0,
        truncated,
        // The error text is ours, but a refused value may be quoted in it: keep it storable.
        error.replace(/\0/g, '\\u0000').slice(0, 2_000),
      ],
    );
    return result.rowCount === 1;
  }

  /** Keeps a row a batched writer could never write, with why; whether it is new here. */
  async storeRow({ writer, table, key, row, error }: DeadRow): Promise<boolean> {
    // Stored as JSON with every character escaped that a text or jsonb column would refuse.
    const value = Buffer.from(JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null');
    // One row per key: the offset column holds a 63-bit digest of it.
    const offset = BigInt.asIntN(64, createHash('sha256').update(key).digest().readBigUInt64BE()).toString();
    return this.store({
      consumer: writer,
      topic: `row:${table}`,
      partition: DEAD_ROW_PARTITION,
      message: { key: Buffer.from(key), value, offset, timestamp: String(Date.now()), attributes: 0, headers: {} } as KafkaMessage,
      error,
    });
  }

  /** Newest first; `before` is the id of the last row of the previous page. */
  async list({ consumer, limit = 20, before }: { consumer?: string; limit?: number; before?: string } = {}): Promise<DeadLetter[]> {
    const { rows } = await this.pool.query<DeadLetterRow>(
      `select * from dead_letter where ($1::text is null or consumer = $1) and ($2::text is null or id < $2) order by id desc limit $3`,
      [consumer ?? null, before ?? null, limit],
    );
    return rows.map(toDeadLetter);
  }

  async find(id: string): Promise<DeadLetter | undefined> {
    const { rows } = await this.pool.query<DeadLetterRow>('select * from dead_letter where id = $1', [id]);
    return rows[0] ? toDeadLetter(rows[0]) : undefined;
  }

  async markReplayed(id: string): Promise<void> {
    await this.pool.query('update dead_letter set replayed_at = now(), replay_count = replay_count + 1 where id = $1', [id]);
  }
}
