import type { Logger } from '@hookline/logging';
import type { IngestionClient } from '../peers';

/**
 * Publishes Hookline's own events (`hookline.*`) to an org through ingestion, like any other
 * event, so they are stored, listed and delivered to the webhooks subscribed to them. The
 * idempotency key makes a repeated publish (retry, duplicate outcome) one event.
 */
export class OperationalEvents {
  constructor(
    private readonly ingestion: IngestionClient,
    private readonly logger: Logger,
  ) {}

  async publish(orgId: string, type: string, data: Record<string, unknown>, idempotencyKey: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.ingestion.publish(
          { orgId, type, dataJson: JSON.stringify(data), idempotencyKey, isTest: false, targetWebhookId: '' },
          { deadlineMs: 5_000 },
        );
        return;
      } catch (error) {
        if (attempt >= 5) {
          this.logger.error({ err: error, orgId, type }, 'could not publish an operational event');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    }
  }
}
