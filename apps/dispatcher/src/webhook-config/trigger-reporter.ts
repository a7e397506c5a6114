import type { Logger } from '@hookline/logging';
import type { RegistryClient } from '../peers';

/**
 * Keeps the registry's `last_triggered_at` current without a call per delivery: the latest
 * trigger per webhook is collected and sent once a second.
 */
export class TriggerReporter {
  private latest = new Map<string, Date>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly registry: RegistryClient,
    private readonly logger: Logger,
    intervalMs = 1_000,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  note(webhookId: string, at: Date): void {
    const known = this.latest.get(webhookId);
    if (!known || known < at) this.latest.set(webhookId, at);
  }

  async flush(): Promise<void> {
    if (this.latest.size === 0) return;
    const batch = this.latest;
    this.latest = new Map();
    try {
      await this.registry.recordWebhookTriggers(
        { triggers: [...batch].map(([webhookId, at]) => ({ webhookId, triggeredAt: at.toISOString() })) },
        { deadlineMs: 3_000 },
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'could not report webhook triggers');
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
