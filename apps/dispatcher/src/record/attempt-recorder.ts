import { writeIsolatingPoison, type DeadLetters } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import type { Counter } from '@hookline/telemetry';
import type { Pool } from 'pg';
import { writeOutcomes } from '../db/attempt-store';
import { WebhookHealthMemo } from '../db/health-store';
import type { AttemptRow, DeliveryUpdate } from '../model/attempt-row';

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
  /** Where a row that can never be written goes (the dispatcher's dead-letter table). */
  deadLetters?: Pick<DeadLetters, 'storeRow'>;
  /** Counts rows set aside, by writer. */
  poisonRows?: Counter<'writer'>;
}

const WRITER = 'attempt-recorder';

/**
 * Writes attempts and delivery status changes in batches: one multi-row insert, one update and
 * one health upsert per flush, all in one statement (atomic, one round trip). `record` resolves
 * once its rows are committed — only then may the Kafka offset be resolved. A flush failing for
 * the moment is retried (rows are never dropped); one failing because of a row isolates it (see
 * writeIsolatingPoison): the other rows are written, the bad one is dead-lettered with its reason,
 * counted, and its delivery recorded without the attempt's text. Back-pressure comes from
 * admission's in-flight bound.
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
    private readonly options: RecorderOptions = {},
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
      void this.write(batch)
        // writeIsolatingPoison settles every row (written, or set aside); a throw here is a defect.
        .catch((error) => this.logger.error({ err: error, rows: batch.length }, 'recording a batch failed unexpectedly'))
        .then(() => {
          this.flushing--;
          for (const item of batch) item.resolve();
          if (this.queue.length > 0) this.flushSoon(0);
          else if (this.flushing === 0) this.idle.splice(0).forEach((resolve) => resolve());
        });
    }
  }

  private write(batch: Pending[]): Promise<void> {
    return writeIsolatingPoison(batch, (rows) => writeOutcomes(this.pool, rows, this.health), {
      writer: WRITER,
      logger: this.logger,
      setAside: (row, error) => this.setAside(row, error),
    });
  }

  /**
   * Dead-letters an outcome that can never be written as it is, then records its delivery's new
   * state with an attempt that says so (so the delivery moves on and its offset is released).
   */
  private async setAside(row: Pending, error: unknown): Promise<void> {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const key = row.attempt?.id ?? row.update.deliveryId;
    if (this.options.deadLetters) {
      const fresh = await this.options.deadLetters.storeRow({ writer: WRITER, table: 'attempt', key, row: { attempt: row.attempt, update: row.update }, error: reason });
      if (fresh) this.options.poisonRows?.inc({ writer: WRITER });
    } else {
      this.options.poisonRows?.inc({ writer: WRITER });
    }
    const plain: Pending = {
      ...row,
      attempt: row.attempt && {
        ...row.attempt,
        requestHeaders: {},
        responseHeaders: {},
        responseBody: '',
        errorClass: row.attempt.errorClass,
        errorMessage: `this attempt could not be stored as it was received (${reason.slice(0, 200)}); it is kept in the dead-letter table`,
      },
    };
    await writeIsolatingPoison([plain], (rows) => writeOutcomes(this.pool, rows, this.health), {
      writer: WRITER,
      logger: this.logger,
      // Not even its plain form: the dead letter is all there is of it; the delivery keeps its last state.
      setAside: async () => undefined,
    });
  }
}
