import type { Pool } from 'pg';
import type { Event } from '../events/event';

const COLUMNS = 'id, org_id, type, source, time, is_test, data_json, target_webhook_id, idempotency_key';

interface EventRow {
  id: string;
  org_id: string;
  type: string;
  source: string;
  time: Date;
  is_test: boolean;
  data_json: string;
  target_webhook_id: string;
  idempotency_key: string;
}

function toEvent(row: EventRow): Event {
  return {
    id: row.id,
    orgId: row.org_id,
    type: row.type,
    source: row.source,
    time: row.time.toISOString(),
    isTest: row.is_test,
    dataJson: row.data_json,
    targetWebhookId: row.target_webhook_id,
    idempotencyKey: row.idempotency_key,
    // Routing reads the group from the topic only; the archive serves the Events API.
    group: '',
  };
}

/** Position of an event in newest-first order. */
export interface EventPosition {
  time: string;
  id: string;
}

export interface EventQuery {
  orgId: string;
  types: string[];
  createdAfter?: string;
  createdBefore?: string;
  isTest?: boolean;
  /** Rows strictly older (`older`) or newer (`newer`) than this position. */
  from?: { position: EventPosition; direction: 'older' | 'newer' };
  limit: number;
}

/** The archived events in PostgreSQL (the topic stays the source of truth). */
export class EventArchive {
  constructor(private readonly pool: Pool) {}

  /** One multi-row insert; events already archived (topic replays) are skipped. */
  async insert(events: Event[]): Promise<void> {
    if (events.length === 0) return;
    await this.pool.query(
      `insert into events (${COLUMNS})
       select ${COLUMNS} from json_to_recordset($1::json)
         as e(id text, org_id text, type text, source text, time timestamptz, is_test boolean, data_json text, target_webhook_id text, idempotency_key text)
       on conflict (id) do nothing`,
      // One JSON document rather than nine parallel arrays: pg escapes array elements in JavaScript,
      // which showed among ingestion's top functions in profiles of narrow traffic.
      [
        JSON.stringify(
          events.map((e) => ({
            id: e.id,
            org_id: e.orgId,
            type: e.type,
            source: e.source,
            time: e.time,
            is_test: e.isTest,
            data_json: e.dataJson,
            target_webhook_id: e.targetWebhookId,
            idempotency_key: e.idempotencyKey,
          })),
        ),
      ],
    );
  }

  async find(orgId: string, id: string): Promise<Event | undefined> {
    const { rows } = await this.pool.query<EventRow>(`select ${COLUMNS} from events where id = $1 and org_id = $2`, [id, orgId]);
    return rows[0] && toEvent(rows[0]);
  }

  /** The archived events of these ids, of any org (the dispatcher's reads of event bodies): one index lookup. */
  async findMany(ids: string[]): Promise<Event[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<EventRow>({
      name: 'ingestion-find-events',
      text: `select ${COLUMNS} from events where id = any($1::text[])`,
      values: [ids],
    });
    return rows.map(toEvent);
  }

  /**
   * Up to `limit` events in newest-first order, starting after `from` in its direction.
   * Keyset on (time, id): rows arriving meanwhile never shift a page boundary.
   */
  async query(q: EventQuery): Promise<Event[]> {
    const where = ['org_id = $1'];
    const params: unknown[] = [q.orgId];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (q.types.length > 0) add((n) => `type = any(${n}::text[])`, q.types);
    if (q.createdAfter) add((n) => `time > ${n}::timestamptz`, q.createdAfter);
    if (q.createdBefore) add((n) => `time < ${n}::timestamptz`, q.createdBefore);
    if (q.isTest !== undefined) add((n) => `is_test = ${n}`, q.isTest);
    const newer = q.from?.direction === 'newer';
    if (q.from) {
      params.push(q.from.position.time, q.from.position.id);
      const [t, i] = [`$${params.length - 1}::timestamptz`, `$${params.length}`];
      where.push(newer ? `(time, id) > (${t}, ${i})` : `(time, id) < (${t}, ${i})`);
    }
    params.push(q.limit);
    const order = newer ? 'time asc, id asc' : 'time desc, id desc';
    const { rows } = await this.pool.query<EventRow>(
      `select ${COLUMNS} from events where ${where.join(' and ')} order by ${order} limit $${params.length}`,
      params,
    );
    const events = rows.map(toEvent);
    return newer ? events.reverse() : events;
  }

  /**
   * Deletes events older than `cutoff`, at most `batchSize` rows per statement so no
   * statement holds locks for long; returns how many were deleted.
   */
  async deleteOlderThan(cutoff: Date, batchSize: number): Promise<number> {
    let total = 0;
    for (;;) {
      const { rowCount } = await this.pool.query(
        'delete from events where id in (select id from events where time < $1 order by time limit $2)',
        [cutoff, batchSize],
      );
      total += rowCount ?? 0;
      if ((rowCount ?? 0) < batchSize) return total;
    }
  }
}
