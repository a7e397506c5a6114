import { cleanText, cleanValue } from '@hookline/contract';
import type { Pool } from 'pg';
import type { AttemptRow, DeliveryUpdate } from '../delivery/attempt-row';
import { healthChanges, type WebhookHealthMemo } from './health-store';
import { byKey } from './key-order';

/** Caps on what an attempt keeps (the body is cut at 16 KiB when read already). */
const MAX_BODY = 16 * 1024;
const MAX_HEADER_VALUE = 4 * 1024;
const MAX_ERROR_MESSAGE = 2 * 1024;

/** An outcome to record: the attempt (none when settled without one) and the delivery's new state. */
export interface RecordedOutcome {
  attempt: AttemptRow | null;
  update: DeliveryUpdate;
}

/**
 * Records a batch of outcomes: one multi-row insert of attempts, one update of deliveries and
 * one upsert of webhook health, all in one statement (atomic, one round trip). This is the hot
 * path's write, and why it stays hand-written SQL rather than going through the ORM: a unit of
 * work would load and flush entities row by row, where here a thousand outcomes are one JSON
 * parameter per table and one round trip.
 */
export async function writeOutcomes(pool: Pool, batch: readonly RecordedOutcome[], memo: WebhookHealthMemo): Promise<void> {
  // Every multi-row write meets its rows in key order, so concurrent flushes (of this instance
  // or another) cannot deadlock; deliveries are locked in that order by the statement itself.
  const attempts = batch
    .map((item) => item.attempt)
    .filter((a): a is AttemptRow => a !== null)
    .sort(byKey((a) => a.id));
  // One row per delivery: the last update wins (UPDATE … FROM applies one match per target row).
  const updates = [...new Map(batch.map((item) => [item.update.deliveryId, item.update])).values()];
  const nowMs = Date.now();
  const health = healthChanges(batch.map((item) => item.update))
    .filter((change) => memo.needsWrite(change, nowMs))
    .sort(byKey((h) => h.webhookId));
  // One statement: its data-modifying parts commit together (no begin/commit round trips), and
  // each input is one JSON document — pg escapes every element of an array parameter in
  // JavaScript, while JSON.stringify is native (headers are JSON anyway).
  await pool.query(
    `with recorded as (
       insert into attempt (id, delivery_id, number, started_at, duration_ms, request_headers, response_status,
                            response_headers, response_body, error_class, error_message)
       select id, delivery_id, number, started_at, duration_ms, request_headers, response_status,
              response_headers, response_body, error_class, error_message
       from json_to_recordset($1::json) as a(id text, delivery_id text, number int, started_at timestamptz, duration_ms int,
            request_headers jsonb, response_status int, response_headers jsonb, response_body text, error_class text, error_message text)
       on conflict (id) do nothing
     ),
     -- The order an UPDATE … FROM takes its row locks in follows its plan (a table scan meets
     -- rows in storage order, which moves as rows are updated), so the rows are locked first,
     -- in key order, and the update touches only rows locked here.
     locked as materialized (
       select id from delivery where id in (select id from json_to_recordset($2::json) as k(id text))
       order by id for no key update
     ),
     -- A delivered delivery stays delivered whatever a late duplicate reports.
     updated as (
       update delivery d set
         status = case when d.status = 'delivered' then d.status else v.status end,
         attempt_count = greatest(d.attempt_count, v.attempt_count),
         last_attempt_at = coalesce(v.last_attempt_at, d.last_attempt_at),
         next_attempt_at = case when d.status = 'delivered' then null else v.next_attempt_at end,
         response_status = coalesce(v.response_status, d.response_status),
         held_since = case when d.status <> 'delivered' and v.held then coalesce(d.held_since, now()) end,
         updated_at = now()
       from locked l, json_to_recordset($2::json)
         as v(id text, status text, attempt_count int, last_attempt_at timestamptz, next_attempt_at timestamptz, response_status int, held boolean)
       where d.id = l.id and v.id = l.id
     ),
     health as (
       insert into webhook_health (webhook_id, org_id, last_success_at, failing_since)
       select * from json_to_recordset($3::json) as h(webhook_id text, org_id text, last_success_at timestamptz, failing_since timestamptz)
       on conflict (webhook_id) do update set
         last_success_at = coalesce(excluded.last_success_at, webhook_health.last_success_at),
         failing_since = case when excluded.last_success_at is not null then null
                              else coalesce(webhook_health.failing_since, excluded.failing_since) end
     )
     select 1`,
    [
      JSON.stringify(
        attempts.map((a) => ({
          id: a.id,
          delivery_id: a.deliveryId,
          number: a.number,
          started_at: a.startedAt,
          duration_ms: a.durationMs,
          // Most of an attempt is what an endpoint answered: hostile until cleaned (NUL, lone
          // surrogates and sizes), whichever way it reached the row.
          request_headers: cleanValue(a.requestHeaders, MAX_HEADER_VALUE),
          response_status: a.responseStatus,
          response_headers: cleanValue(a.responseHeaders, MAX_HEADER_VALUE),
          response_body: cleanText(a.responseBody, MAX_BODY),
          error_class: a.errorClass,
          error_message: a.errorMessage === null ? null : cleanText(a.errorMessage, MAX_ERROR_MESSAGE),
        })),
      ),
      JSON.stringify(
        updates.map((u) => ({
          id: u.deliveryId,
          status: u.status,
          attempt_count: u.attemptCount,
          last_attempt_at: u.lastAttemptAt,
          next_attempt_at: u.nextAttemptAt,
          response_status: u.responseStatus,
          held: u.held === true,
        })),
      ),
      JSON.stringify(health.map((h) => ({ webhook_id: h.webhookId, org_id: h.orgId, last_success_at: h.lastSuccessAt, failing_since: h.failingSince }))),
    ],
  );
  memo.wrote(health, nowMs);
}

