import { InputError, NotFoundError } from '@hookline/errors';
import type { Pool } from 'pg';
import type { AttemptRow } from '../delivery/attempt-row';

export interface DeliveryView {
  id: string;
  orgId: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  status: string;
  attemptCount: number;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  responseStatus: number | null;
  isTest: boolean;
  createdAt: Date;
  /** Exact created_at (microseconds) for cursors. */
  cursorTime: string;
}

/** An attempt as the deliveries API shows it: the recorded row without its delivery id. */
export type AttemptView = Omit<AttemptRow, 'deliveryId'>;

export interface DeliveryFilter {
  orgId: string;
  webhookId?: string;
  status?: string;
  eventType?: string;
  createdAfter?: Date;
  createdBefore?: Date;
  isTest?: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string;
  prevCursor: string;
}

const STATUSES = new Set(['pending', 'delivered', 'failed']);
const COLUMNS = `id, org_id, webhook_id, event_id, event_type, status, attempt_count, last_attempt_at, next_attempt_at,
  response_status, is_test, created_at, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_time`;

interface Cursor {
  t: string;
  i: string;
  /** n = the page after this position (older), p = the page before it (newer). */
  d: 'n' | 'p';
}

/** Deliveries of an org, newest first, with opaque cursors both ways. */
export async function listDeliveries(pool: Pool, filter: DeliveryFilter, limit: number, cursorText: string): Promise<Page<DeliveryView>> {
  if (filter.status && !STATUSES.has(filter.status)) throw new InputError('status must be pending, delivered or failed', { code: 'status_invalid', param: 'status' });
  const cursor = cursorText ? decodeCursor(cursorText) : null;
  const where = ['org_id = $1'];
  const params: unknown[] = [filter.orgId];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.webhookId) add('webhook_id = ?', filter.webhookId);
  if (filter.status) add('status = ?', filter.status);
  if (filter.eventType) add('event_type = ?', filter.eventType);
  if (filter.createdAfter) add('created_at > ?', filter.createdAfter);
  if (filter.createdBefore) add('created_at < ?', filter.createdBefore);
  if (filter.isTest !== undefined) add('is_test = ?', filter.isTest);
  const backwards = cursor?.d === 'p';
  if (cursor) {
    params.push(cursor.t, cursor.i);
    where.push(`(created_at, id) ${backwards ? '>' : '<'} ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  params.push(limit + 1);
  const order = backwards ? 'created_at asc, id asc' : 'created_at desc, id desc';
  const result = await pool.query(`select ${COLUMNS} from delivery where ${where.join(' and ')} order by ${order} limit $${params.length}`, params);
  const rows = result.rows.map(toDeliveryView);
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  if (backwards) items.reverse();
  const first = items[0];
  const last = items[items.length - 1];
  // Going forward, "more" means older rows exist; going back, it means newer ones do.
  const hasOlder = backwards ? cursor !== null : more;
  const hasNewer = backwards ? more : cursor !== null;
  return {
    items,
    nextCursor: hasOlder && last ? encodeCursor({ t: last.cursorTime, i: last.id, d: 'n' }) : '',
    prevCursor: hasNewer && first ? encodeCursor({ t: first.cursorTime, i: first.id, d: 'p' }) : '',
  };
}

export async function getDelivery(pool: Pool, orgId: string, deliveryId: string): Promise<DeliveryView> {
  const result = await pool.query(`select ${COLUMNS} from delivery where id = $1 and org_id = $2`, [deliveryId, orgId]);
  if (result.rows.length === 0) throw new NotFoundError(`delivery ${deliveryId} not found`, { code: 'not_found' });
  return toDeliveryView(result.rows[0]);
}

export async function listAttempts(pool: Pool, deliveryId: string): Promise<AttemptView[]> {
  const result = await pool.query(
    `select id, number, started_at, duration_ms, request_headers, response_status, response_headers, response_body, error_class, error_message
     from attempt where delivery_id = $1 order by started_at, number`,
    [deliveryId],
  );
  return result.rows.map((row) => ({
    id: row.id,
    number: row.number,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    requestHeaders: row.request_headers,
    responseStatus: row.response_status,
    responseHeaders: row.response_headers,
    responseBody: row.response_body,
    errorClass: row.error_class,
    errorMessage: row.error_message,
  }));
}

function toDeliveryView(row: Record<string, any>): DeliveryView {
  return {
    id: row.id,
    orgId: row.org_id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attemptCount: row.attempt_count,
    lastAttemptAt: row.last_attempt_at,
    nextAttemptAt: row.next_attempt_at,
    responseStatus: row.response_status,
    isTest: row.is_test,
    createdAt: row.created_at,
    cursorTime: row.cursor_time,
  };
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (typeof cursor.t === 'string' && typeof cursor.i === 'string' && (cursor.d === 'n' || cursor.d === 'p') && !Number.isNaN(Date.parse(cursor.t))) return cursor;
  } catch {
    // fall through
  }
  throw new InputError('cursor is not one this API returned', { code: 'cursor_invalid', param: 'cursor' });
}
