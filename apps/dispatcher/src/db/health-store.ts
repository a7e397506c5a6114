import type { Pool } from 'pg';
import type { DeliveryUpdate } from '../model/attempt-row';

/** `webhook_health`: per webhook, its last success and since when it has been failing (DESIGN §4's 5-day rule). */

export interface HealthChange {
  webhookId: string;
  orgId: string;
  lastSuccessAt: Date | null;
  failingSince: Date | null;
}

/** Per webhook: a success in the batch clears "failing"; otherwise the earliest failure starts it. */
export function healthChanges(updates: DeliveryUpdate[]): HealthChange[] {
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

/**
 * Rewrite a webhook's unchanged health row at most this often (bounds staleness after a
 * rebalance; failing webhooks are disabled after days, so a minute is precise enough). Each
 * rewrite is a row update per busy webhook, so a longer interval means fewer of them.
 */
const HEALTH_REFRESH_MS = 60_000;

/**
 * What this instance last wrote to `webhook_health` per webhook. A steady stream of successes
 * (or of failures) does not change the row, so it is written once per refresh interval rather
 * than in every flush; a change of state is always written at once.
 */
export class WebhookHealthMemo {
  private readonly written = new Map<string, { succeeding: boolean; atMs: number }>();

  needsWrite(change: HealthChange, nowMs: number): boolean {
    const known = this.written.get(change.webhookId);
    return !known || known.succeeding !== (change.lastSuccessAt !== null) || nowMs - known.atMs >= HEALTH_REFRESH_MS;
  }

  wrote(changes: HealthChange[], nowMs: number): void {
    for (const change of changes) this.written.set(change.webhookId, { succeeding: change.lastSuccessAt !== null, atMs: nowMs });
  }
}

/**
 * Claims the webhooks failing without a success for `afterSeconds`, by resetting their
 * `failing_since`: two instances never claim (and so never disable) the same webhook twice.
 */
export async function claimFailingWebhooks(pool: Pool, afterSeconds: number): Promise<{ webhookId: string; orgId: string }[]> {
  const claimed = await pool.query<{ webhook_id: string; org_id: string }>(
    `update webhook_health set failing_since = null
     where webhook_id in (select webhook_id from webhook_health
                          where failing_since < now() - make_interval(secs => $1)
                          for update skip locked)
     returning webhook_id, org_id`,
    [afterSeconds],
  );
  return claimed.rows.map((row) => ({ webhookId: row.webhook_id, orgId: row.org_id }));
}
