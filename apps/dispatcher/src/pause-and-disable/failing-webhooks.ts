import { shielded, type Logger } from '@hookline/logging';
import type { Pool } from 'pg';
import { claimFailingWebhooks } from '../db/health-store';

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
    this.timer = setInterval(shielded(this.logger, 'failing-webhook check', () => this.check()), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async check(): Promise<void> {
    for (const { orgId, webhookId } of await claimFailingWebhooks(this.pool, this.afterSeconds)) await this.disable(orgId, webhookId);
  }
}
