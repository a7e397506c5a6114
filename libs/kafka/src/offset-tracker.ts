/**
 * Completed offsets of one partition, handed out in order and finished in any order: only the
 * contiguous completed prefix may be committed, so a crash replays everything not yet durable
 * (at-least-once) and nothing durable is lost.
 */
export class PartitionOffsets {
  /** Offsets handed out and not yet part of the completed prefix, in order. */
  private readonly pending: bigint[] = [];
  private readonly done = new Set<bigint>();
  /** The next offset to read after the completed prefix (what Kafka commits), or null before any. */
  private next: bigint | null = null;
  /** What was last committed successfully. */
  private committed: bigint | null = null;
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
      this.next = head + 1n;
    }
  }

  /** The offset to commit now (Kafka's "next to read"); null when it was committed already. */
  committable(): string | null {
    return this.next === null || this.next === this.committed ? null : this.next.toString();
  }

  /** A commit of `offset` succeeded (a failed one is simply offered again). */
  markCommitted(offset: string): void {
    const value = BigInt(offset);
    if (this.committed === null || value > this.committed) this.committed = value;
  }

  /** The next offset after the completed prefix, or null before anything completed. */
  get position(): bigint | null {
    return this.next;
  }

  get inFlight(): number {
    return this.pending.length;
  }
}

export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Per-partition offset trackers of one topic for a consumer that commits by hand: what it
 * handed out completes in any order, and each partition's contiguous completed prefix is what
 * `committable` offers for commit.
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

  /** Forgets every partition (a restarted consumer rejoins and replays from the last commit). */
  clear(): void {
    this.partitions.clear();
  }

  /** What to pass to `consumer.commitOffsets`; empty when nothing moved since the last commit. */
  committable(): TopicPartitionOffset[] {
    const commits: TopicPartitionOffset[] = [];
    for (const [partition, tracker] of this.partitions) {
      const offset = tracker.committable();
      if (offset !== null) commits.push({ topic: this.topic, partition, offset });
    }
    return commits;
  }

  markCommitted(commits: TopicPartitionOffset[]): void {
    for (const commit of commits) this.partitions.get(commit.partition)?.markCommitted(commit.offset);
  }

  /** The completed position of each partition this consumer tracks (for lag). */
  positions(): Map<number, bigint> {
    const positions = new Map<number, bigint>();
    for (const [partition, tracker] of this.partitions) if (tracker.position !== null) positions.set(partition, tracker.position);
    return positions;
  }

  /** Offsets handed out and not yet completed, over all partitions. */
  get inFlight(): number {
    let count = 0;
    for (const tracker of this.partitions.values()) count += tracker.inFlight;
    return count;
  }
}
