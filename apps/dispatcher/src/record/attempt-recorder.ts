import type { Logger } from '@hookline/logging';
import type { Pool } from 'pg';
import type { AttemptRow, DeliveryUpdate } from '../delivery/attempt-row';

interface Pending {
  attempt: AttemptRow | null;
  update: DeliveryUpdate;
  resolve: () => void;
}

export interface RecorderOptions {
  /** How long the first row waits for company before a flush (ms). */
  lingerMs?: number;
  maxBatch?: number;
  maxConcurrentFlushes?: number;
}

/**
 * Writes attempts and delivery status changes in batches: one multi-row insert, one update and
 * one health upsert per flush, all in one statement (atomic, one round trip). `record` resolves
 * once its rows are committed — only then may the Kafka offset be resolved. A failed flush is
 * retried (rows are never dropped); back-pressure comes from the sender's in-flight bound.
 */
export class AttemptRecorder {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing = 0;
  private readonly idle: (() => void)[] = [];
  private readonly lingerMs: number;
  private readonly maxBatch: number;
  private readonly maxConcurrentFlushes: number;
  private readonly health = new WebhookHealthMemo();

  constructor(
    private readonly pool: Pool,
    private readonly logger: Logger,
    options: RecorderOptions = {},
  ) {
    this.lingerMs = options.lingerMs ?? 5;
    this.maxBatch = options.maxBatch ?? 1_000;
    this.maxConcurrentFlushes = options.maxConcurrentFlushes ?? 3;
  }

  record(attempt: AttemptRow | null, update: DeliveryUpdate): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push({ attempt, update, resolve });
      if (this.queue.length >= this.maxBatch) this.flushSoon(0);
      else this.flushSoon(this.lingerMs);
    });
  }

  /** Resolves once everything recorded so far is committed. */
  async drain(): Promise<void> {
    this.flushSoon(0);
    if (this.queue.length === 0 && this.flushing === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private flushSoon(delayMs: number): void {
    if (delayMs === 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush();
      }, delayMs);
    }
  }

  private flush(): void {
    while (this.queue.length > 0 && this.flushing < this.maxConcurrentFlushes) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.flushing++;
      void this.write(batch).then(() => {
        this.flushing--;
        for (const item of batch) item.resolve();
        if (this.queue.length > 0) this.flushSoon(0);
        else if (this.flushing === 0) this.idle.splice(0).forEach((resolve) => resolve());
      });
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    for (let backoff = 100; ; backoff = Math.min(backoff * 2, 5_000)) {
      try {
        await writeBatch(this.pool, batch, this.health);
        return;
      } catch (error) {
        this.logger.error({ err: error, rows: batch.length }, 'recording attempts failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, backoff));
      }
    }
  }
}

/** Rewrite a webhook's unchanged health row at most this often (bounds staleness after a rebalance). */
const HEALTH_REFRESH_MS = 10_000;

/**
 * What this instance last wrote to `webhook_health` per webhook. A steady stream of successes
 * (or of failures) does not change the row, so it is written once per refresh interval rather
 * than in every flush; a change of state is always written at once.
 */
class WebhookHealthMemo {
  private readonly written = new Map<string, { succeeding: boolean; atMs: number }>();

  needsWrite(change: HealthChange, nowMs: number): boolean {
    const known = this.written.get(change.webhookId);
    return !known || known.succeeding !== (change.lastSuccessAt !== null) || nowMs - known.atMs >= HEALTH_REFRESH_MS;
  }

  wrote(changes: HealthChange[], nowMs: number): void {
    for (const change of changes) this.written.set(change.webhookId, { succeeding: change.lastSuccessAt !== null, atMs: nowMs });
  }
}

async function writeBatch(pool: Pool, batch: Pending[], memo: WebhookHealthMemo): Promise<void> {
  const attempts = batch.map((item) => item.attempt).filter((a): a is AttemptRow => a !== null);
  // One row per delivery: the last update wins (UPDATE … FROM applies one match per target row).
  // Rows are locked in id order, so concurrent flushes cannot deadlock on each other.
  const updates = [...new Map(batch.map((item) => [item.update.deliveryId, item.update])).values()].sort(byKey((u) => u.deliveryId));
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
       from json_to_recordset($2::json)
         as v(id text, status text, attempt_count int, last_attempt_at timestamptz, next_attempt_at timestamptz, response_status int, held boolean)
       where d.id = v.id
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
          request_headers: a.requestHeaders,
          response_status: a.responseStatus,
          response_headers: a.responseHeaders,
          response_body: stripNul(a.responseBody),
          error_class: a.errorClass,
          error_message: a.errorMessage,
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

interface HealthChange {
  webhookId: string;
  orgId: string;
  lastSuccessAt: Date | null;
  failingSince: Date | null;
}

/** Per webhook: a success in the batch clears "failing"; otherwise the earliest failure starts it. */
function healthChanges(updates: DeliveryUpdate[]): HealthChange[] {
  const byWebhook = new Map<string, HealthChange>();
  for (const update of updates) {
    if (update.succeeded === null || !update.lastAttemptAt) continue;
    const known = byWebhook.get(update.webhookId) ?? { webhookId: update.webhookId, orgId: update.orgId, lastSuccessAt: null, failingSince: null };
    if (update.succeeded) known.lastSuccessAt = update.lastAttemptAt;
    else if (!known.failingSince) known.failingSince = update.lastAttemptAt;
    byWebhook.set(update.webhookId, known);
  }
  return [...byWebhook.values()];
}

function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

/** PostgreSQL text cannot hold NUL; a binary response body is stored without them. */
function stripNul(text: string): string {
  return text.includes('\u0000') ? text.replace(/\u0000/g, '') : text;
}
