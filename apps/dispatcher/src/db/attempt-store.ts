import { cleanText, cleanValue } from '@hookline/contract';
import type { Pool } from 'pg';
import type { AttemptRow, DeliveryUpdate } from '../model/attempt-row';
import { healthChanges, type WebhookHealthMemo } from './health-store';
import { byKey } from './key-order';

/** Caps on what an attempt keeps (the body is cut at 16 KiB when read already). */
const MAX_BODY = 16 * 1024;
const MAX_HEADER_VALUE = 4 * 1024;
const MAX_ERROR_MESSAGE = 2 * 1024;

/** An outcome to record: the attempt (none when settled without one) and the delivery's new state (or first one). */
export interface RecordedOutcome {
  attempt: AttemptRow | null;
  update: DeliveryUpdate;
}

/**
 * Records a batch of outcomes in one statement (atomic, one round trip): one multi-row insert of
 * attempts, one upsert of deliveries and one of webhook health. No event body: ingestion's
 * archive holds the one copy, read back for the attempts after the first. The fan-out writes no row before a first attempt, so the delivery upsert creates the
 * row in its final state (delivered, or pending with its next attempt time) or updates the row
 * of a retry. This is the hot path's write, and why it stays hand-written SQL rather than going
 * through the ORM: a thousand outcomes are one array parameter per column, a prepared statement
 * (planned once per connection) and one round trip.
 */
export async function writeOutcomes(pool: Pool, batch: readonly RecordedOutcome[], memo: WebhookHealthMemo): Promise<void> {
  // Every multi-row write meets its rows in key order, so concurrent flushes (of this instance
  // or another) cannot deadlock; `unnest` hands the rows to each insert in array order.
  const attempts = batch
    .map((item) => item.attempt)
    .filter((a): a is AttemptRow => a !== null)
    .sort(byKey((a) => a.id));
  // One row per delivery: the last update wins (an upsert may touch a row once per statement).
  const updates = [...new Map(batch.map((item) => [item.update.deliveryId, item.update])).values()].sort(byKey((u) => u.deliveryId));
  const nowMs = Date.now();
  const health = healthChanges(batch.map((item) => item.update))
    .filter((change) => memo.needsWrite(change, nowMs))
    .sort(byKey((h) => h.webhookId));
  await pool.query({
    name: 'dispatcher-write-outcomes',
    text: WRITE_OUTCOMES_SQL,
    values: [
      attempts.map((a) => a.id),
      attempts.map((a) => a.deliveryId),
      attempts.map((a) => a.number),
      attempts.map((a) => a.startedAt),
      attempts.map((a) => a.durationMs),
      // Most of an attempt is what an endpoint answered: hostile until cleaned (NUL, lone
      // surrogates and sizes), whichever way it reached the row.
      attempts.map((a) => JSON.stringify(cleanValue(a.requestHeaders, MAX_HEADER_VALUE))),
      attempts.map((a) => a.responseStatus),
      attempts.map((a) => JSON.stringify(cleanValue(a.responseHeaders, MAX_HEADER_VALUE))),
      attempts.map((a) => cleanText(a.responseBody, MAX_BODY)),
      attempts.map((a) => a.errorClass),
      attempts.map((a) => (a.errorMessage === null ? null : cleanText(a.errorMessage, MAX_ERROR_MESSAGE))),
      updates.map((u) => u.deliveryId),
      updates.map((u) => u.orgId),
      updates.map((u) => u.webhookId),
      updates.map((u) => u.origin.eventId),
      updates.map((u) => u.origin.eventType),
      updates.map((u) => u.origin.isTest),
      updates.map((u) => u.status),
      updates.map((u) => u.attemptCount),
      updates.map((u) => u.lastAttemptAt),
      updates.map((u) => u.nextAttemptAt),
      updates.map((u) => u.responseStatus),
      updates.map((u) => u.origin.manual),
      updates.map((u) => u.origin.traceparent),
      updates.map((u) => u.origin.publishedAt),
      updates.map((u) => u.held === true),
      health.map((h) => h.webhookId),
      health.map((h) => h.orgId),
      health.map((h) => h.lastSuccessAt),
      health.map((h) => h.failingSince),
    ],
  });
  memo.wrote(health, nowMs);
}

/**
 * The statement behind writeOutcomes. Its data-modifying parts commit together (no begin/commit
 * round trips). Inputs are parallel arrays read by `unnest`, not JSON documents parsed per row.
 * The delivery upsert's arbiter is the (event, webhook) pair, which the id is derived from: a row
 * created under an id of another shape (before ids were derived) is updated, never duplicated.
 */
const WRITE_OUTCOMES_SQL = `
  with recorded as (
    insert into attempt (id, delivery_id, number, started_at, duration_ms, request_headers, response_status,
                         response_headers, response_body, error_class, error_message)
    select * from unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::int[], $6::jsonb[], $7::int[],
                         $8::jsonb[], $9::text[], $10::text[], $11::text[])
    on conflict (id) do nothing
  ),
  -- A delivered delivery stays delivered whatever a late duplicate reports.
  upserted as (
    insert into delivery as d (id, org_id, webhook_id, event_id, event_type, is_test, status, attempt_count, last_attempt_at,
                               next_attempt_at, response_status, manual, traceparent, published_at, held_since)
    select id, org_id, webhook_id, event_id, event_type, is_test, status, attempt_count, last_attempt_at,
           next_attempt_at, response_status, manual, traceparent, published_at, case when held then now() end
    from unnest($12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::bool[], $18::text[], $19::int[],
                $20::timestamptz[], $21::timestamptz[], $22::int[], $23::bool[], $24::text[], $25::timestamptz[], $26::bool[])
      as v(id, org_id, webhook_id, event_id, event_type, is_test, status, attempt_count, last_attempt_at,
           next_attempt_at, response_status, manual, traceparent, published_at, held)
    on conflict (event_id, webhook_id) do update set
      status = case when d.status = 'delivered' then d.status else excluded.status end,
      attempt_count = greatest(d.attempt_count, excluded.attempt_count),
      last_attempt_at = coalesce(excluded.last_attempt_at, d.last_attempt_at),
      next_attempt_at = case when d.status = 'delivered' then null else excluded.next_attempt_at end,
      response_status = coalesce(excluded.response_status, d.response_status),
      held_since = case when d.status <> 'delivered' and excluded.held_since is not null then coalesce(d.held_since, now()) end,
      updated_at = now()
  ),
  health as (
    insert into webhook_health (webhook_id, org_id, last_success_at, failing_since)
    select * from unnest($27::text[], $28::text[], $29::timestamptz[], $30::timestamptz[])
    on conflict (webhook_id) do update set
      last_success_at = coalesce(excluded.last_success_at, webhook_health.last_success_at),
      failing_since = case when excluded.last_success_at is not null then null
                           else coalesce(webhook_health.failing_since, excluded.failing_since) end
  )
  select 1`;
