import type { Logger } from '@hookline/logging';
import type { Pool } from 'pg';

/**
 * DESIGN §4: a webhook failing without a single success for `afterSeconds` (5 days) is disabled.
 * Checked periodically against `webhook_health`, which the recorder keeps with every attempt.
 */
export class FailingWebhooks {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly disable: (orgId: string, webhookId: string) => Promise<void>,
    private readonly afterSeconds: number,
    private readonly logger: Logger,
    private readonly intervalMs = 30_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.check().catch((error) => this.logger.error({ err: error }, 'failing-webhook check failed')), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async check(): Promise<void> {
    // Claimed by resetting `failing_since`, so two instances never disable the same webhook twice.
    const claimed = await this.pool.query<{ webhook_id: string; org_id: string }>(
      `update webhook_health set failing_since = null
       where webhook_id in (select webhook_id from webhook_health
                            where failing_since < now() - make_interval(secs => $1)
                            for update skip locked)
       returning webhook_id, org_id`,
      [this.afterSeconds],
    );
    for (const row of claimed.rows) await this.disable(row.org_id, row.webhook_id);
  }
}
