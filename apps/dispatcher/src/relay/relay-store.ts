import { Migration } from '@hookline/db';
import type { Pool } from 'pg';

/**
 * Relay webhooks (`hookline listen`): each attempt waits here, as it would be POSTed, until the
 * organization's listener answers it or it expires; listeners say they are connected by pulling.
 * Rows live for one attempt: the attempt deletes its own when it is decided.
 */
export class CreateRelayRequests extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      create table relay_request (
        id text primary key,
        sequence bigserial not null unique,
        org_id text not null,
        webhook_id text not null,
        delivery_id text not null,
        event_type text not null,
        attempt int not null,
        headers jsonb not null,
        body text not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        answered_at timestamptz,
        response_status int,
        response_headers jsonb,
        response_body text,
        duration_ms int,
        error text
      )`);
    this.addSql('create index relay_request_waiting_idx on relay_request (webhook_id, sequence) where answered_at is null');
    this.addSql(`
      create table relay_listener (
        webhook_id text primary key,
        org_id text not null,
        seen_at timestamptz not null
      )`);
  }
}

export interface RelayRequestRow {
  id: string;
  sequence: string;
  webhook_id: string;
  delivery_id: string;
  event_type: string;
  attempt: number;
  headers: Record<string, string>;
  body: string;
  expires_at: Date;
}

export interface RelayAnswer {
  responseStatus: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
  durationMs: number;
  error: string;
}

/** A listener pulled within this long is connected. */
export const LISTENER_FRESH_MS = 5_000;

export async function insertRelayRequest(
  pool: Pool,
  request: { id: string; orgId: string; webhookId: string; deliveryId: string; eventType: string; attempt: number; headers: Record<string, string>; body: string; expiresAt: Date },
): Promise<void> {
  await pool.query(
    `insert into relay_request (id, org_id, webhook_id, delivery_id, event_type, attempt, headers, body, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [request.id, request.orgId, request.webhookId, request.deliveryId, request.eventType, request.attempt, JSON.stringify(request.headers), request.body, request.expiresAt],
  );
}

/** The listener's answer, once it came; null while none did. */
export async function answerOf(pool: Pool, id: string): Promise<RelayAnswer | null> {
  const { rows } = await pool.query(
    'select response_status, response_headers, response_body, duration_ms, error from relay_request where id = $1 and answered_at is not null',
    [id],
  );
  if (rows.length === 0) return null;
  const row = rows[0];
  return { responseStatus: row.response_status ?? 0, responseHeaders: row.response_headers ?? {}, responseBody: row.response_body ?? '', durationMs: row.duration_ms ?? 0, error: row.error ?? '' };
}

/** The attempt is decided: its request goes (and with it any left by an instance that stopped mid-wait). */
export async function deleteRelayRequest(pool: Pool, id: string, webhookId: string): Promise<void> {
  await pool.query(`delete from relay_request where id = $1 or (webhook_id = $2 and expires_at < now() - interval '1 hour')`, [id, webhookId]);
}

export async function listenerConnected(pool: Pool, webhookId: string): Promise<boolean> {
  const { rows } = await pool.query('select 1 from relay_listener where webhook_id = $1 and seen_at > now() - make_interval(secs => $2)', [webhookId, LISTENER_FRESH_MS / 1000]);
  return rows.length > 0;
}

/** Marks the listener connected; true when it was not (a new or returning listener). */
export async function touchListener(pool: Pool, orgId: string, webhookId: string): Promise<boolean> {
  const { rows } = await pool.query<{ was_connected: boolean }>(
    `with before as (select seen_at from relay_listener where webhook_id = $1)
     insert into relay_listener (webhook_id, org_id, seen_at) values ($1, $2, now())
     on conflict (webhook_id) do update set seen_at = now(), org_id = excluded.org_id
     returning coalesce((select seen_at > now() - make_interval(secs => $3) from before), false) as was_connected`,
    [webhookId, orgId, LISTENER_FRESH_MS / 1000],
  );
  return !rows[0].was_connected;
}

/** A returning listener gets the webhook's pending deliveries now rather than at their next retry. */
export async function wakePendingDeliveries(pool: Pool, webhookId: string): Promise<number> {
  const { rowCount } = await pool.query(
    `update delivery set next_attempt_at = now(), updated_at = now()
     where webhook_id = $1 and status = 'pending' and next_attempt_at > now()`,
    [webhookId],
  );
  return rowCount ?? 0;
}

export async function waitingRelayRequests(pool: Pool, webhookId: string, afterSequence: number, limit: number): Promise<RelayRequestRow[]> {
  const { rows } = await pool.query<RelayRequestRow>(
    `select id, sequence, webhook_id, delivery_id, event_type, attempt, headers, body, expires_at from relay_request
     where webhook_id = $1 and sequence > $2 and answered_at is null and expires_at > now()
     order by sequence limit $3`,
    [webhookId, afterSequence, limit],
  );
  return rows;
}

/** Records the listener's answer; the request's delivery, or why it was not recorded. */
export async function recordRelayAnswer(pool: Pool, orgId: string, id: string, answer: RelayAnswer): Promise<{ deliveryId: string } | 'not_found' | 'closed'> {
  const { rows } = await pool.query<{ delivery_id: string }>(
    `update relay_request set answered_at = now(), response_status = $3, response_headers = $4, response_body = $5, duration_ms = $6, error = $7
     where id = $1 and org_id = $2 and answered_at is null and expires_at > now() returning delivery_id`,
    [id, orgId, answer.responseStatus, JSON.stringify(answer.responseHeaders), answer.responseBody, answer.durationMs, answer.error],
  );
  if (rows.length > 0) return { deliveryId: rows[0].delivery_id };
  const { rows: existing } = await pool.query('select 1 from relay_request where id = $1 and org_id = $2', [id, orgId]);
  return existing.length > 0 ? 'closed' : 'not_found';
}
