import type { Logger } from '@hookline/logging';
import type { Database } from '@hookline/db';
import {
  claimDueDeliveries,
  countScheduledRetries,
  failDeliveriesWithoutBody,
  markEnqueued,
  postponeDeliveries,
  taskFor,
  type QueueableDelivery,
} from '../db/delivery-store';
import type { DeliveryTaskQueue } from '../admission/task-queue';
import type { DispatcherMetrics } from '../metrics';
import type { EventBodies, FetchedBodies } from './event-bodies';

const CLAIM_BATCH = 200;
/**
 * The depth gauge counts every waiting retry, a scan that grows with the backlog, so it runs
 * twice a minute, not every few seconds (a gauge, not a control input).
 */
const DEPTH_INTERVAL_MS = 30_000;
/** A delivery whose event body could not be read (ingestion unreachable, event not archived yet) is due again after this. */
export const BODY_WAIT_MS = 2_000;

/**
 * Moves due retries (and manual retries) from PostgreSQL back onto the deliveries topic, where
 * the instance owning the webhook admits them, so rate limits and concurrency apply to retries too.
 * Claim, read the bodies, produce and release happen in one transaction: a crash in between
 * leaves the rows due (enqueued again later: at-least-once), and `SKIP LOCKED` keeps instances
 * apart. The events' bodies come from ingestion's archive, one request per claim: a delivery
 * whose body cannot be read yet is postponed a little, no attempt counted, never dropped.
 */
export class RetryPoller {
  private timer: NodeJS.Timeout | null = null;
  private depthTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly stopping = new AbortController();

  constructor(
    private readonly db: Pick<Database, 'pool' | 'transaction'>,
    private readonly queue: DeliveryTaskQueue,
    private readonly bodies: EventBodies,
    private readonly metrics: DispatcherMetrics,
    private readonly logger: Logger,
    private readonly pollMs: number,
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.pollUntilEmpty()
        .catch((error) => this.logger.error({ err: error }, 'retry poll failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
        });
    };
    tick();
    const depth = () =>
      countScheduledRetries(this.db.pool)
        .then((depth) => this.metrics.retryQueueDepth.set(depth))
        .catch(() => undefined);
    void depth();
    this.depthTimer = setInterval(() => void depth(), DEPTH_INTERVAL_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    // A read of bodies in flight ends now; its claim rolls back and stays due.
    this.stopping.abort();
    if (this.timer) clearTimeout(this.timer);
    if (this.depthTimer) clearInterval(this.depthTimer);
    await this.running;
  }

  private async pollUntilEmpty(): Promise<void> {
    while (!this.stopped && (await this.pollOnce()) === CLAIM_BATCH);
  }

  /** Returns how many deliveries were enqueued. */
  pollOnce(): Promise<number> {
    return this.db.transaction(async (client) => {
      const claimed = await claimDueDeliveries(client, CLAIM_BATCH);
      if (claimed.length === 0) return 0;
      const pending = claimed.filter((row) => row.status === 'pending');
      const fetched = await this.readBodies(pending);
      const sendable = pending.filter((row) => fetched.bodies.has(row.event_id));
      const [gone, waiting] = partition(
        pending.filter((row) => !fetched.bodies.has(row.event_id)),
        (row) => fetched.retainedSince !== null && publishedAt(row) < fetched.retainedSince,
      );
      await this.queue.enqueue(sendable.map((row) => taskFor(row, fetched.bodies.get(row.event_id)!)));
      const notSent = new Set([...gone, ...waiting].map((row) => row.id));
      await markEnqueued(
        client,
        claimed.filter((row) => !notSent.has(row.id)).map((row) => row.id),
      );
      await postponeDeliveries(
        client,
        waiting.map((row) => row.id),
        BODY_WAIT_MS,
      );
      await failDeliveriesWithoutBody(
        client,
        gone.map((row) => row.id),
      );
      if (waiting.length > 0) this.logger.warn({ deliveries: waiting.length }, 'event bodies not readable from ingestion yet; deliveries postponed');
      if (gone.length > 0) this.logger.error({ deliveries: gone.map((row) => row.id) }, 'events past the archive retention; deliveries failed without an attempt');
      return claimed.length;
    });
  }

  /** The bodies of these deliveries' events; none when ingestion does not answer (each then waits). */
  private async readBodies(rows: QueueableDelivery[]): Promise<FetchedBodies> {
    if (rows.length === 0) return { bodies: new Map(), retainedSince: null };
    try {
      return await this.bodies.fetch(
        rows.map((row) => row.event_id),
        this.stopping.signal,
      );
    } catch (error) {
      if (this.stopping.signal.aborted) throw error;
      this.logger.warn({ err: error }, 'reading event bodies from ingestion failed; deliveries postponed');
      return { bodies: new Map(), retainedSince: null };
    }
  }
}

/** When the event was published (the claim gives rows older than that column their creation time: no earlier). */
function publishedAt(row: QueueableDelivery): Date {
  return row.published_at ?? new Date();
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
