import type { Pool, PoolClient } from 'pg';
import type { DeliveryTask } from '../model/delivery-task';
import { byKey } from './key-order';

/*
 * The `delivery` table: every statement of the app that writes it, but the recording of outcomes
 * (attempt-store.ts, which also creates a delivery's row on its first outcome). The hot path
 * (replay lookup, retry claim) stays on batched, hand-written SQL rather than the ORM: one
 * statement per slice of thousands of deliveries, array parameters, `skip locked`, where a unit
 * of work would load and flush entities one by one. Reads for the deliveries API are in
 * delivery-reads.ts.
 */

/** A delivery the fan-out derived from an event (or a test event's, created ahead); the envelope is not stored. */
export interface NewDelivery {
  id: string;
  orgId: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  isTest: boolean;
  envelopeJson: string;
  traceparent: string;
  publishedAt: Date | null;
}

/** The columns a DeliveryTask is built from, with the event's envelope read from ingestion's archive. */
export interface QueueableDelivery {
  id: string;
  org_id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  is_test: boolean;
  status: string;
  attempt_count: number;
  next_attempt_at: Date | null;
  manual: boolean;
  traceparent: string;
  published_at: Date | null;
}

/**
 * Creates deliveries ahead of their first attempt (a test event's, so the caller gets its
 * delivery at once; the fan-out creates none). An (event, webhook) pair that exists already is
 * returned as it is, not duplicated.
 * The envelope is not stored here: ingestion's archive holds the one copy of each event's body,
 * and the first attempt is made from memory. Only the small columns come back; the rest is what
 * was sent.
 */
export async function upsertDeliveries(db: Pool | PoolClient, rows: NewDelivery[]): Promise<QueueableDelivery[]> {
  if (rows.length === 0) return [];
  // In the order of the keys the upsert locks (the unique pair), so two fan-outs replaying the
  // same events cannot deadlock on each other.
  const sorted = [...rows].sort(byKey((r) => r.eventId, (r) => r.webhookId));
  const result = await db.query<Pick<QueueableDelivery, 'id' | 'event_id' | 'webhook_id' | 'status' | 'attempt_count' | 'next_attempt_at' | 'manual'>>(
    `insert into delivery (id, org_id, webhook_id, event_id, event_type, is_test, traceparent, published_at)
     select id, org_id, webhook_id, event_id, event_type, is_test, traceparent, published_at
     from json_to_recordset($1::json)
       as d(id text, org_id text, webhook_id text, event_id text, event_type text, is_test bool, traceparent text, published_at timestamptz)
     on conflict (event_id, webhook_id) do update set updated_at = delivery.updated_at
     returning id, event_id, webhook_id, status, attempt_count, next_attempt_at, manual`,
    // JSON documents rather than parallel arrays: pg escapes array elements in JavaScript.
    [
      JSON.stringify(
        sorted.map((r) => ({
          id: r.id,
          org_id: r.orgId,
          webhook_id: r.webhookId,
          event_id: r.eventId,
          event_type: r.eventType,
          is_test: r.isTest,
          traceparent: r.traceparent,
          published_at: r.publishedAt,
        })),
      ),
    ],
  );
  const sent = new Map(rows.map((row) => [`${row.eventId} ${row.webhookId}`, row]));
  return result.rows.map((stored) => {
    const row = sent.get(`${stored.event_id} ${stored.webhook_id}`)!;
    return {
      ...stored,
      org_id: row.orgId,
      event_type: row.eventType,
      is_test: row.isTest,
      traceparent: row.traceparent,
      published_at: row.publishedAt,
    };
  });
}

/** What a replayed event finds of one of its deliveries: enough to know whether to send it again. */
export type KnownDelivery = Pick<QueueableDelivery, 'id' | 'event_id' | 'webhook_id' | 'status' | 'attempt_count' | 'next_attempt_at' | 'manual'>;

/**
 * The deliveries that exist already for these (event, webhook) pairs: a read, no write. The
 * fan-out asks only about events another process may have fanned out before (see ReplayWindow).
 */
export async function knownDeliveries(pool: Pool, pairs: { eventId: string; webhookId: string }[]): Promise<KnownDelivery[]> {
  if (pairs.length === 0) return [];
  const { rows } = await pool.query<KnownDelivery>({
    name: 'dispatcher-known-deliveries',
    text: `select d.id, d.event_id, d.webhook_id, d.status, d.attempt_count, d.next_attempt_at, d.manual
           from unnest($1::text[], $2::text[]) as k(event_id, webhook_id)
           join delivery d on d.event_id = k.event_id and d.webhook_id = k.webhook_id`,
    values: [pairs.map((p) => p.eventId), pairs.map((p) => p.webhookId)],
  });
  return rows;
}

/**
 * Claims up to `limit` due retries: locked rows other dispatchers skip, so each retry is
 * enqueued by one instance. The caller reads the pending ones' envelopes from ingestion, enqueues
 * them, then `markEnqueued` every claimed row in the same transaction (a row due but no longer
 * pending only loses its due time), or `postpone`s the ones whose envelope it could not read.
 */
export async function claimDueDeliveries(client: PoolClient, limit: number): Promise<QueueableDelivery[]> {
  // The earliest due rows straight from the due index (next_attempt_at, id), locked as they are
  // read. No status condition in the scan: the planner, believing pending rows rare, would
  // collect and sort every due row instead.
  const result = await client.query<QueueableDelivery>(
    `with claimed as (
       select id from delivery
       where next_attempt_at <= now()
       order by next_attempt_at, id
       limit $1
       for update skip locked
     )
     select d.id, d.org_id, d.webhook_id, d.event_id, d.event_type, d.is_test, d.status, d.attempt_count, d.next_attempt_at,
            d.manual, d.traceparent,
            coalesce(d.published_at, d.created_at) as published_at
     from claimed c join delivery d on d.id = c.id
     order by d.next_attempt_at, d.id`,
    [limit],
  );
  return result.rows;
}

/**
 * Of these tasks, the ones whose attempt is already recorded (a task replayed from the topic after
 * a crash or rebalance, its delivery sent and recorded before the offset was committed): one
 * primary-key lookup for the whole batch.
 */
export async function attemptsAlreadyMade(pool: Pool, tasks: Pick<DeliveryTask, 'deliveryId' | 'attempt'>[]): Promise<Set<string>> {
  if (tasks.length === 0) return new Set();
  const { rows } = await pool.query<{ id: string; attempt_count: number }>('select id, attempt_count from delivery where id = any($1::text[])', [tasks.map((task) => task.deliveryId)]);
  const made = new Map(rows.map((row) => [row.id, row.attempt_count]));
  return new Set(tasks.filter((task) => (made.get(task.deliveryId) ?? 0) >= task.attempt).map((task) => `${task.deliveryId}#${task.attempt}`));
}

/** Marks claimed deliveries as enqueued (no longer waiting for a scheduled time). */
export async function markEnqueued(client: PoolClient, ids: string[]): Promise<void> {
  await client.query('update delivery set next_attempt_at = null, updated_at = now() where id = any($1::text[])', [ids]);
}

/**
 * Claimed deliveries whose envelope could not be read yet (ingestion unreachable, the event not
 * archived yet): due again after `delayMs`, with no attempt counted.
 */
export async function postponeDeliveries(client: PoolClient, ids: string[], delayMs: number): Promise<void> {
  if (ids.length === 0) return;
  await client.query(`update delivery set next_attempt_at = now() + $2 * interval '1 millisecond', updated_at = now() where id = any($1::text[])`, [ids, delayMs]);
}

/**
 * Claimed deliveries whose event is past the archive's retention: no body is left to send, so
 * they fail without an attempt rather than wait forever (the archive keeps events at least as
 * long as the longest retry schedule; only a manual redelivery of an old delivery meets this).
 */
export async function failDeliveriesWithoutBody(client: PoolClient, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await client.query(`update delivery set status = 'failed', next_attempt_at = null, updated_at = now() where id = any($1::text[]) and status = 'pending'`, [ids]);
}

/** How many deliveries wait for a scheduled retry (the retry queue depth). */
export async function countScheduledRetries(pool: Pool): Promise<number> {
  const result = await pool.query<{ n: string }>(`select count(*) as n from delivery where status = 'pending' and next_attempt_at is not null`);
  return Number(result.rows[0].n);
}

/** Webhooks with deliveries held because they were paused. */
export async function webhooksWithHeldDeliveries(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ webhook_id: string }>('select distinct webhook_id from delivery where held_since is not null');
  return rows.map((row) => row.webhook_id);
}

/** Makes the held deliveries of these webhooks due now; returns how many. Locks in id order, as recording does. */
export async function releaseHeldDeliveries(pool: Pool, webhookIds: string[]): Promise<number> {
  const released = await pool.query(
    `update delivery set held_since = null, next_attempt_at = now(), updated_at = now()
     where id in (select id from delivery where webhook_id = any($1::text[]) and held_since is not null and status = 'pending'
                  order by id for no key update)`,
    [webhookIds],
  );
  return released.rowCount ?? 0;
}

/** A manual retry: due now and marked manual; false when the org has no such delivery. */
export async function scheduleManualRetry(pool: Pool, orgId: string, deliveryId: string): Promise<boolean> {
  const result = await pool.query(
    `update delivery set status = 'pending', manual = true, next_attempt_at = now(), updated_at = now()
     where id = $1 and org_id = $2`,
    [deliveryId, orgId],
  );
  return result.rowCount !== 0;
}

/** Requeues up to `limit` failed deliveries of a webhook created in [since, until) as manual retries; returns how many. */
export async function scheduleManualRetries(pool: Pool, orgId: string, webhookId: string, since: Date, until: Date, limit: number): Promise<number> {
  const result = await pool.query(
    `update delivery set status = 'pending', manual = true, next_attempt_at = now(), updated_at = now()
     where id in (select id from delivery
                  where org_id = $1 and webhook_id = $2 and status = 'failed' and created_at >= $3 and created_at < $4
                  limit $5 for update skip locked)`,
    [orgId, webhookId, since, until, limit],
  );
  return result.rowCount ?? 0;
}

/** The task for the next attempt of a delivery, with its event's envelope. */
export function taskFor(row: QueueableDelivery, envelopeJson: string): DeliveryTask {
  return {
    deliveryId: row.id,
    webhookId: row.webhook_id,
    orgId: row.org_id,
    eventId: row.event_id,
    eventType: row.event_type,
    attempt: row.attempt_count + 1,
    isTest: row.is_test,
    envelopeJson,
    traceparent: row.traceparent,
    manual: row.manual,
    publishedAtMs: row.published_at ? row.published_at.getTime() : 0,
  };
}
