import type { Logger } from '@hookline/logging';

/**
 * Completed offsets of one partition, handed out in order and finished in any order: only the
 * contiguous completed prefix may be committed, so a crash replays everything not yet durable
 * (at-least-once) and nothing durable is lost.
 */
export class PartitionOffsets {
  /** Offsets handed out and not yet committable, in order. */
  private readonly pending: bigint[] = [];
  private readonly done = new Set<bigint>();
  /** The next offset to commit (last committable + 1), or null when nothing new. */
  private committable: bigint | null = null;
  private highest: bigint = -1n;

  /** Registers a handed-out offset; false if it was seen already (a refetch after rejoin). */
  begin(offset: string): boolean {
    const value = BigInt(offset);
    if (value <= this.highest) return false;
    this.highest = value;
    this.pending.push(value);
    return true;
  }

  /** Whether the offset was handed out already (a refetch after a rejoin, or a retried batch). */
  seen(offset: string): boolean {
    return BigInt(offset) <= this.highest;
  }

  complete(offset: string): void {
    this.done.add(BigInt(offset));
    while (this.pending.length > 0 && this.done.has(this.pending[0])) {
      const head = this.pending.shift()!;
      this.done.delete(head);
      this.committable = head + 1n;
    }
  }

  /** The offset to commit now (Kafka's "next to read"), once; null when nothing changed. */
  takeCommittable(): string | null {
    const value = this.committable;
    this.committable = null;
    return value === null ? null : value.toString();
  }

  get inFlight(): number {
    return this.pending.length;
  }
}

/**
 * Per-partition offset trackers of one topic for a consumer that commits by hand: what it
 * handed out completes in any order, and `commit` sends each partition's contiguous prefix.
 */
export class TopicOffsets {
  private readonly partitions = new Map<number, PartitionOffsets>();

  constructor(readonly topic: string) {}

  of(partition: number): PartitionOffsets {
    let tracker = this.partitions.get(partition);
    if (!tracker) this.partitions.set(partition, (tracker = new PartitionOffsets()));
    return tracker;
  }

  /** A partition this consumer no longer owns: its new owner replays from the last commit. */
  forget(partition: number): void {
    this.partitions.delete(partition);
  }

  /** What to pass to `consumer.commitOffsets`; empty when nothing moved. */
  takeCommits(): { topic: string; partition: number; offset: string }[] {
    const commits: { topic: string; partition: number; offset: string }[] = [];
    for (const [partition, tracker] of this.partitions) {
      const offset = tracker.takeCommittable();
      if (offset !== null) commits.push({ topic: this.topic, partition, offset });
    }
    return commits;
  }
}

export interface OffsetCommitter {
  commitOffsets(offsets: { topic: string; partition: number; offset: string }[]): Promise<void>;
}

export interface PeriodicCommits {
  /** Stops the timer and commits what is committable now (at stop). */
  finish(): Promise<void>;
}

/**
 * Commits every `intervalMs` whatever the trackers allow. A failed commit is usually a
 * rebalance: the partition's new owner replays from the last commit, so it is only logged.
 */
export function commitPeriodically(consumer: OffsetCommitter, offsets: TopicOffsets, logger: Logger, intervalMs = 100): PeriodicCommits {
  const commit = async () => {
    const toCommit = offsets.takeCommits();
    if (toCommit.length === 0) return;
    try {
      await consumer.commitOffsets(toCommit);
    } catch (error) {
      logger.warn({ err: error, topic: offsets.topic }, 'committing offsets failed');
    }
  };
  const timer = setInterval(() => void commit(), intervalMs);
  return {
    finish: async () => {
      clearInterval(timer);
      await commit();
    },
  };
}
