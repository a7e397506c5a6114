import type { Logger } from '@hookline/logging';
import { retryWithBackoff } from '@hookline/retry';
import type { Pool } from 'pg';
import { writeOutcomes } from '../db/attempt-store';
import { WebhookHealthMemo } from '../db/health-store';
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

  private write(batch: Pending[]): Promise<void> {
    return retryWithBackoff(() => writeOutcomes(this.pool, batch, this.health), {
      initialMs: 100,
      maxMs: 5_000,
      onRetry: (error) => this.logger.error({ err: error, rows: batch.length }, 'recording attempts failed; retrying'),
    });
  }
}
