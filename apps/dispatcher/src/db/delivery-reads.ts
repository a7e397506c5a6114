import type { Pool } from 'pg';
import type { AttemptRow } from '../model/attempt-row';

/*
 * Reads of `delivery` and `attempt` for the deliveries API: one indexed query each, newest first.
 */

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

const COLUMNS = `id, org_id, webhook_id, event_id, event_type, status, attempt_count, last_attempt_at, next_attempt_at,
  response_status, is_test, created_at, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_time`;

/** Where a page starts: after this delivery going older, or before it going newer (`newer`). */
export interface ListPosition {
  time: string;
  id: string;
  newer: boolean;
}

/** Up to `limit` deliveries matching `filter` from `position`, in the direction's order (newest first going older). */
export async function selectDeliveries(pool: Pool, filter: DeliveryFilter, position: ListPosition | null, limit: number): Promise<DeliveryView[]> {
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
  if (position) {
    params.push(position.time, position.id);
    where.push(`(created_at, id) ${position.newer ? '>' : '<'} ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  params.push(limit);
  const order = position?.newer ? 'created_at asc, id asc' : 'created_at desc, id desc';
  const result = await pool.query(`select ${COLUMNS} from delivery where ${where.join(' and ')} order by ${order} limit $${params.length}`, params);
  return result.rows.map(toDeliveryView);
}

export async function selectDelivery(pool: Pool, orgId: string, deliveryId: string): Promise<DeliveryView | null> {
  const result = await pool.query(`select ${COLUMNS} from delivery where id = $1 and org_id = $2`, [deliveryId, orgId]);
  return result.rows.length === 0 ? null : toDeliveryView(result.rows[0]);
}

export async function selectAttempts(pool: Pool, deliveryId: string): Promise<AttemptView[]> {
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
