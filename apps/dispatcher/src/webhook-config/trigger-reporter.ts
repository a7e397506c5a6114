import type { Logger } from '@hookline/logging';
import type { RegistryClient } from '../peers';

/**
 * How stale a webhook's `last_triggered_at` may be. Each report is a row update in the registry:
 * with thousands of webhooks triggered every second, reporting each one every second cost the
 * database as much as the deliveries themselves.
 */
const REPORT_EVERY_MS = 30_000;

interface WebhookTriggers {
  /** The newest trigger not reported yet. */
  pending: Date | null;
  /** When this webhook was last reported (ms since the epoch). */
  reportedAtMs: number;
}

/**
 * Keeps the registry's `last_triggered_at` current without a call per delivery: every
 * `intervalMs` one call carries the latest trigger of each webhook that has a new one and was
 * not reported within the last `reportEveryMs` — the first trigger of a webhook goes out at the
 * next flush, later ones within `reportEveryMs`, and the latest one always.
 */
export class TriggerReporter {
  private readonly webhooks = new Map<string, WebhookTriggers>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly registry: Pick<RegistryClient, 'recordWebhookTriggers'>,
    private readonly logger: Logger,
    intervalMs = 1_000,
    private readonly reportEveryMs = REPORT_EVERY_MS,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  note(webhookId: string, at: Date): void {
    const known = this.webhooks.get(webhookId);
    if (!known) this.webhooks.set(webhookId, { pending: at, reportedAtMs: 0 });
    else if (!known.pending || known.pending < at) known.pending = at;
  }

  /** Reports what is due (everything pending when `all`). */
  async flush(all = false, nowMs = Date.now()): Promise<void> {
    const due: [string, WebhookTriggers][] = [];
    for (const [webhookId, state] of this.webhooks) {
      if (state.pending && (all || nowMs - state.reportedAtMs >= this.reportEveryMs)) due.push([webhookId, state]);
      // Quiet for a whole period with nothing to report: forgotten, the map holds active webhooks only.
      else if (!state.pending && nowMs - state.reportedAtMs >= this.reportEveryMs) this.webhooks.delete(webhookId);
    }
    if (due.length === 0) return;
    const triggers = due.map(([webhookId, state]) => ({ webhookId, triggeredAt: state.pending! }));
    for (const [, state] of due) {
      state.pending = null;
      state.reportedAtMs = nowMs;
    }
    try {
      await this.registry.recordWebhookTriggers({ triggers: triggers.map((t) => ({ webhookId: t.webhookId, triggeredAt: t.triggeredAt.toISOString() })) }, { deadlineMs: 3_000 });
    } catch (error) {
      this.logger.warn({ err: error }, 'could not report webhook triggers');
      // Offered again at the next flush (unless a newer trigger replaced it).
      for (const { webhookId, triggeredAt } of triggers) {
        const state = this.webhooks.get(webhookId);
        if (state) {
          if (!state.pending || state.pending < triggeredAt) state.pending = triggeredAt;
          state.reportedAtMs = 0;
        }
      }
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush(true);
  }
}
