import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from '@hookline/logging';
import type { ConsumerMetrics } from './consumer-metrics';

export interface PartitionProgress {
  partition: number;
  /** Records between the committed offset and the partition's end. */
  lag: number;
  /** Since the committed offset last moved while there was lag; 0 without lag. */
  stuckMs: number;
}

export interface ProgressOptions {
  name: string;
  groupId: string;
  topic: string;
  fromBeginning: boolean;
  intervalMs: number;
  metrics: ConsumerMetrics;
  logger: Logger;
  /** This member's completed positions (ahead of its last commit by up to a commit interval). */
  positions: () => Map<number, bigint>;
}

interface Tracked {
  committed: bigint;
  progressAt: number;
}

/**
 * Watches one consumer group from outside (the broker's end offsets and the group's committed
 * offsets), so a consumer that died, hangs or keeps failing shows as lag that grows and a stuck
 * time that rises, whatever state its own code thinks it is in.
 */
export class ConsumerProgress {
  private admin: Admin | null = null;
  private timer: NodeJS.Timeout | null = null;
  private partitions: PartitionProgress[] = [];
  private readonly tracked = new Map<number, Tracked>();
  /** When the last check that found this member at the end of every partition started. */
  private caughtUpAtMs = 0;
  private readonly waiters: (() => void)[] = [];
  private checking: Promise<void> | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: ProgressOptions,
  ) {}

  start(): void {
    const tick = () => {
      void this.poll().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.options.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiters.splice(0).forEach((resolve) => resolve());
    // A check under way may be connecting its admin client: let it finish, then close that too.
    while (this.checking) await this.checking.catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = null;
  }

  get lag(): number {
    return this.partitions.reduce((sum, p) => sum + p.lag, 0);
  }

  get stuckMs(): number {
    return this.partitions.reduce((most, p) => Math.max(most, p.stuckMs), 0);
  }

  get byPartition(): PartitionProgress[] {
    return this.partitions;
  }

  /** When this member was last seen to have handled everything in the topic (0: never). */
  get caughtUpAt(): number {
    return this.caughtUpAtMs;
  }

  /** Resolves at the next check (or at stop). */
  nextCheck(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Checks now (after a check already under way, so the figures are from after the call). */
  async poll(): Promise<void> {
    while (this.checking) await this.checking;
    this.checking = this.check().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async check(): Promise<void> {
    const startedAt = Date.now();
    const { groupId, topic, name } = this.options;
    try {
      if (!this.admin) {
        const admin = this.kafka.admin();
        await admin.connect();
        this.admin = admin;
      }
      const ends = await this.admin.fetchTopicOffsets(topic);
      const [group] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
      const committedOf = new Map(group?.partitions.map((p) => [p.partition, BigInt(p.offset)]) ?? []);
      const positions = this.options.positions();
      const now = Date.now();
      let caughtUp = true;
      this.partitions = ends.map(({ partition, high, low }) => {
        const end = BigInt(high);
        const committedRaw = committedOf.get(partition) ?? -1n;
        // No commit yet: a consumer from the beginning has the whole partition ahead of it.
        const committed = committedRaw >= 0n ? committedRaw : this.options.fromBeginning ? BigInt(low) : end;
        const position = positions.get(partition);
        if ((position !== undefined && position > committed ? position : committed) < end) caughtUp = false;
        const lag = Number(end > committed ? end - committed : 0n);
        const known = this.tracked.get(partition);
        if (!known || lag === 0 || known.committed !== committed) this.tracked.set(partition, { committed, progressAt: now });
        const stuckMs = lag === 0 ? 0 : now - this.tracked.get(partition)!.progressAt;
        const labels = { consumer: name, group: groupId, topic, partition: String(partition) };
        this.options.metrics.lag.set(labels, lag);
        this.options.metrics.stuckSeconds.set(labels, Math.round(stuckMs / 100) / 10);
        return { partition, lag, stuckMs };
      });
      if (caughtUp) this.caughtUpAtMs = startedAt;
    } catch (error) {
      // The broker away: the figures keep their last values; stuck time grows from the last known progress.
      this.options.logger.debug({ err: error, consumer: name }, 'consumer progress check failed');
      this.partitions = this.partitions.map((p) => ({ ...p, stuckMs: p.lag === 0 ? 0 : Date.now() - (this.tracked.get(p.partition)?.progressAt ?? Date.now()) }));
      await this.admin?.disconnect().catch(() => undefined);
      this.admin = null;
    } finally {
      this.waiters.splice(0).forEach((resolve) => resolve());
    }
  }
}
