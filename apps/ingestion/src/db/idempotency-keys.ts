import type { Pool } from 'pg';
import type { Event } from '../events/event';

/** What a reservation attempt found for one (org, key). */
export type Reservation =
  /**
   * This request holds the key's attempt and produces `event`: a fresh one, or — when an earlier
   * attempt was not acknowledged (a 503, a timeout) — the event the key is bound to, with its id.
   */
  | { kind: 'reserved'; event: Event; retried: boolean }
  /** The key was used within 24 h and its event was acknowledged: answer with that event. */
  | { kind: 'duplicate'; event: Event }
  /**
   * Another request holds the key's attempt (its produce is in flight), or the key is bound to
   * another content. `event` is the bound one (absent if the row vanished meanwhile).
   */
  | { kind: 'in_progress'; event?: Event; retryAfterSeconds: number };

/** One event to reserve its key for, with the hash of its content (see `contentHash`). */
export interface KeyedEvent {
  event: Event;
  contentHash: string;
}

export interface IdempotencyKeyOptions {
  /** How long a key stays bound to its event. */
  windowHours: number;
  /**
   * How long one attempt holds its key: a request that has neither been acknowledged nor ended
   * its attempt by then belongs to a publisher that died; a retry may take the key over.
   */
  attemptTimeoutSeconds: number;
}

/** The map key `reserve` answers under for one event. */
export const reservationKey = (event: Pick<Event, 'orgId' | 'idempotencyKey'>) => keyOf(event.orgId, event.idempotencyKey);
const keyOf = (orgId: string, key: string) => `${orgId}\u0000${key}`;

/** The stored row is past the key's window: the key is free for a new event. */
const EXPIRED = 'idempotency_keys.created_at < now() - make_interval(hours => $6)';
/** Keeps the stored value while the key's window lasts, takes the new one once it expired. */
const unlessExpired = (column: string) => `${column} = case when ${EXPIRED} then excluded.${column} else idempotency_keys.${column} end`;

/**
 * `(org, idempotency_key)` → event, in PostgreSQL, shared by every ingestion instance. The key is
 * bound to its event (id, time, content) BEFORE anything is produced, and stays bound for the
 * window whatever the produce's outcome: an attempt that was not acknowledged may still have been
 * stored by Kafka, so a retry produces the very same event again (downstream deduplicates on the
 * event id) rather than a second one. One attempt at a time holds the key (`attempt_until`).
 */
export class IdempotencyKeys {
  constructor(
    private readonly pool: Pool,
    private readonly options: IdempotencyKeyOptions,
  ) {}

  /**
   * Binds every event's key, or takes over the attempt of a key bound to the same content whose
   * last attempt ended unacknowledged, in one statement; `events` must have distinct (org, key).
   */
  async reserve(events: KeyedEvent[]): Promise<Map<string, Reservation>> {
    const result = new Map<string, Reservation>();
    if (events.length === 0) return result;
    const { rows: won } = await this.pool.query<{ org_id: string; key: string; event_json: string; retried: boolean }>(
      `insert into idempotency_keys (org_id, key, event_id, state, event_json, content_hash, created_at, attempt_until)
       select org_id, key, event_id, 'pending', event_json, content_hash, now(), now() + make_interval(secs => $7)
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) as t(org_id, key, event_id, event_json, content_hash)
       on conflict (org_id, key) do update
         set ${unlessExpired('event_id')}, ${unlessExpired('event_json')}, ${unlessExpired('content_hash')}, ${unlessExpired('created_at')},
             state = 'pending', attempt_until = excluded.attempt_until
         where ${EXPIRED}
            or (idempotency_keys.state = 'pending' and idempotency_keys.attempt_until <= now()
                and idempotency_keys.content_hash in (excluded.content_hash, ''))
       returning org_id, key, event_json, event_id <> all($3::text[]) as retried`,
      [
        events.map((e) => e.event.orgId),
        events.map((e) => e.event.idempotencyKey),
        events.map((e) => e.event.id),
        events.map((e) => JSON.stringify(e.event)),
        events.map((e) => e.contentHash),
        this.options.windowHours,
        this.options.attemptTimeoutSeconds,
      ],
    );
    for (const row of won) result.set(keyOf(row.org_id, row.key), { kind: 'reserved', event: JSON.parse(row.event_json) as Event, retried: row.retried });
    const lost = events.map((e) => e.event).filter((e) => !result.has(reservationKey(e)));
    if (lost.length === 0) return result;

    const { rows: held } = await this.pool.query<{ org_id: string; key: string; state: string; event_json: string; seconds_left: number }>(
      `select k.org_id, k.key, k.state, k.event_json, ceil(extract(epoch from k.attempt_until - now()))::int as seconds_left
       from idempotency_keys k
       join unnest($1::text[], $2::text[]) as t(org_id, key) on k.org_id = t.org_id and k.key = t.key`,
      [lost.map((e) => e.orgId), lost.map((e) => e.idempotencyKey)],
    );
    for (const row of held) {
      const event = JSON.parse(row.event_json) as Event;
      result.set(
        keyOf(row.org_id, row.key),
        row.state === 'published' ? { kind: 'duplicate', event } : { kind: 'in_progress', event, retryAfterSeconds: Math.max(1, row.seconds_left) },
      );
    }
    // Expired and deleted between our two statements: the next try binds it afresh.
    for (const e of lost) if (!result.has(reservationKey(e))) result.set(reservationKey(e), { kind: 'in_progress', retryAfterSeconds: 1 });
    return result;
  }

  /** Kafka acknowledged these events: their keys now answer duplicates. */
  async markPublished(events: Event[]): Promise<void> {
    if (events.length === 0) return;
    await this.pool.query(
      `update idempotency_keys k set state = 'published', attempt_until = now()
       from unnest($1::text[], $2::text[], $3::text[]) as t(org_id, key, event_id)
       where k.org_id = t.org_id and k.key = t.key and k.event_id = t.event_id`,
      [events.map((e) => e.orgId), events.map((e) => e.idempotencyKey), events.map((e) => e.id)],
    );
  }

  /**
   * The attempt ended without an acknowledgement (or was given up before producing): the keys
   * stay bound to their events, and the next try with the same content produces them again.
   */
  async endAttempt(events: Event[]): Promise<void> {
    if (events.length === 0) return;
    await this.pool.query(
      `update idempotency_keys k set attempt_until = now()
       from unnest($1::text[], $2::text[], $3::text[]) as t(org_id, key, event_id)
       where k.org_id = t.org_id and k.key = t.key and k.event_id = t.event_id and k.state = 'pending'`,
      [events.map((e) => e.orgId), events.map((e) => e.idempotencyKey), events.map((e) => e.id)],
    );
  }

  /** Deletes keys past their window, `batchSize` rows per statement. */
  async deleteExpired(now: Date, batchSize: number): Promise<number> {
    let total = 0;
    for (;;) {
      const { rowCount } = await this.pool.query(
        `delete from idempotency_keys where ctid in (
           select ctid from idempotency_keys where created_at < $1::timestamptz - make_interval(hours => $2) limit $3)`,
        [now, this.options.windowHours, batchSize],
      );
      total += rowCount ?? 0;
      if ((rowCount ?? 0) < batchSize) return total;
    }
  }
}
