import type { Pool } from 'pg';
import type { Event } from '../events/event';

/** What a reservation attempt found for one (org, key). */
export type Reservation =
  | { kind: 'reserved' }
  /** The key was used within 24 h and its event was acknowledged: answer with that event. */
  | { kind: 'duplicate'; event: Event }
  /** Another request holding the key has not been acknowledged by Kafka yet. */
  | { kind: 'in_progress' };

export interface IdempotencyKeyOptions {
  /** How long a key stays bound to its event. */
  windowHours: number;
  /**
   * A `pending` reservation older than this belongs to a publisher that died before its
   * produce finished; a new request may take the key over.
   */
  pendingTimeoutSeconds: number;
}

/** The map key `reserve` answers under for one event. */
export const reservationKey = (event: Pick<Event, 'orgId' | 'idempotencyKey'>) => keyOf(event.orgId, event.idempotencyKey);
const keyOf = (orgId: string, key: string) => `${orgId}\u0000${key}`;

/**
 * `(org, idempotency_key)` reservations in PostgreSQL, shared by every ingestion instance.
 * A key is reserved (pending) before producing, marked published after Kafka acknowledged,
 * and released when the produce failed, so a retry can publish.
 */
export class IdempotencyKeys {
  constructor(
    private readonly pool: Pool,
    private readonly options: IdempotencyKeyOptions,
  ) {}

  /** Reserves every event's key in one statement; `events` must have distinct (org, key). */
  async reserve(events: Event[]): Promise<Map<string, Reservation>> {
    const result = new Map<string, Reservation>();
    if (events.length === 0) return result;
    const { rows: won } = await this.pool.query<{ org_id: string; key: string }>(
      `insert into idempotency_keys (org_id, key, event_id, state, event_json, created_at)
       select org_id, key, event_id, 'pending', event_json, now()
       from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as t(org_id, key, event_id, event_json)
       on conflict (org_id, key) do update
         set event_id = excluded.event_id, state = 'pending', event_json = excluded.event_json, created_at = excluded.created_at
         where idempotency_keys.created_at < now() - make_interval(hours => $5)
            or (idempotency_keys.state = 'pending' and idempotency_keys.created_at < now() - make_interval(secs => $6))
       returning org_id, key`,
      [
        events.map((e) => e.orgId),
        events.map((e) => e.idempotencyKey),
        events.map((e) => e.id),
        events.map((e) => JSON.stringify(e)),
        this.options.windowHours,
        this.options.pendingTimeoutSeconds,
      ],
    );
    for (const row of won) result.set(keyOf(row.org_id, row.key), { kind: 'reserved' });
    const lost = events.filter((e) => !result.has(keyOf(e.orgId, e.idempotencyKey)));
    if (lost.length === 0) return result;

    const { rows: held } = await this.pool.query<{ org_id: string; key: string; state: string; event_json: string }>(
      `select k.org_id, k.key, k.state, k.event_json from idempotency_keys k
       join unnest($1::text[], $2::text[]) as t(org_id, key) on k.org_id = t.org_id and k.key = t.key`,
      [lost.map((e) => e.orgId), lost.map((e) => e.idempotencyKey)],
    );
    for (const row of held) {
      result.set(
        keyOf(row.org_id, row.key),
        row.state === 'published' ? { kind: 'duplicate', event: JSON.parse(row.event_json) as Event } : { kind: 'in_progress' },
      );
    }
    // Released between our insert and select: the other request failed; the caller may retry.
    for (const e of lost) if (!result.has(keyOf(e.orgId, e.idempotencyKey))) result.set(keyOf(e.orgId, e.idempotencyKey), { kind: 'in_progress' });
    return result;
  }

  /** Kafka acknowledged these events: their keys now answer duplicates. */
  async markPublished(events: Event[]): Promise<void> {
    if (events.length === 0) return;
    await this.pool.query(
      `update idempotency_keys k set state = 'published'
       from unnest($1::text[], $2::text[], $3::text[]) as t(org_id, key, event_id)
       where k.org_id = t.org_id and k.key = t.key and k.event_id = t.event_id`,
      [events.map((e) => e.orgId), events.map((e) => e.idempotencyKey), events.map((e) => e.id)],
    );
  }

  /** The produce failed: free the keys so a retry publishes. */
  async release(events: Event[]): Promise<void> {
    if (events.length === 0) return;
    await this.pool.query(
      `delete from idempotency_keys k
       using unnest($1::text[], $2::text[], $3::text[]) as t(org_id, key, event_id)
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
