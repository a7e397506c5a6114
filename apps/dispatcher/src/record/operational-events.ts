import type { Logger } from '@hookline/logging';
import { retryWithBackoff } from '@hookline/retry';
import type { IngestionClient } from '../peers';

/** Publishes at a time: a burst of exhausted deliveries must not flood ingestion with calls. */
const MAX_IN_FLIGHT = 16;
const RETRY = { initialMs: 200, maxMs: 10_000 };
/** An operational event still not accepted after this long is given up (and logged). */
const GIVE_UP_AFTER_MS = 15 * 60_000;

interface Pending {
  request: { orgId: string; type: string; dataJson: string; idempotencyKey: string };
  since: number;
  done: () => void;
}

/**
 * Publishes Hookline's own events (`hookline.*`) to an org through ingestion, like any other
 * event, so they are stored, listed and delivered to the webhooks subscribed to them. The
 * idempotency key makes a repeated publish (retry, duplicate outcome) one event. Publishes are
 * queued and sent a few at a time, each retried with backoff while ingestion is unavailable (a
 * restart, an outage) — for minutes, not seconds — so an ingestion restart loses none.
 */
export class OperationalEvents {
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly ingestion: IngestionClient,
    private readonly logger: Logger,
  ) {}

  /** Resolves once ingestion accepted the event (or it was given up). */
  publish(orgId: string, type: string, data: Record<string, unknown>, idempotencyKey: string): Promise<void> {
    return new Promise((done) => {
      this.queue.push({ request: { orgId, type, dataJson: JSON.stringify(data), idempotencyKey }, since: Date.now(), done });
      this.pump();
    });
  }

  /** Operational events waiting or being published. */
  get pending(): number {
    return this.queue.length + this.inFlight;
  }

  /** Resolves once nothing waits or is being published (a stop gives it what is left of its deadline). */
  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.inFlight++;
      void this.send(next).finally(() => {
        this.inFlight--;
        next.done();
        this.pump();
        if (this.pending === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
      });
    }
  }

  private async send({ request, since }: Pending): Promise<void> {
    const about = { orgId: request.orgId, type: request.type };
    try {
      await retryWithBackoff(() => this.ingestion.publish({ ...request, isTest: false, targetWebhookId: '' }, { deadlineMs: 5_000 }), {
        ...RETRY,
        // Counted from when it was queued: the wait for a publish slot is part of it.
        deadlineMs: GIVE_UP_AFTER_MS - (Date.now() - since),
        onRetry: (error, attempt) => {
          if (attempt === 1) this.logger.warn({ err: error, ...about }, 'publishing an operational event failed; retrying');
        },
      });
    } catch (error) {
      this.logger.error({ err: error, ...about }, 'could not publish an operational event; given up');
    }
  }
}
