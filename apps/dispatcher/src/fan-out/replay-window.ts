/**
 * Clock skew allowed between the publisher's timestamps and this process, and the time a
 * previous owner may still have spent on its last fetch after losing the partition.
 */
const MARGIN_MS = 10_000;

/**
 * Which events of a partition another process (or this one before a restart) may have fanned out
 * already: those published before this consumer was assigned the partition, plus a margin. Their
 * offsets may be uncommitted while their deliveries are recorded, so the fan-out looks them up
 * before sending; an event published after the assignment cannot have been fetched by anyone
 * else (the previous owner gave the partition up first), so its deliveries are sent from memory.
 * Replays within this process (a slice retried after a failed produce) are caught by admission's
 * duplicate guard (an attempt admitted and not yet settled, or just recorded).
 */
export class ReplayWindow {
  private readonly assignedAtMs = new Map<number, number>();

  /** The consumer's assignment changed: newly assigned partitions start their window now. */
  assigned(partitions: number[], nowMs = Date.now()): void {
    const now = new Set(partitions);
    for (const partition of this.assignedAtMs.keys()) if (!now.has(partition)) this.assignedAtMs.delete(partition);
    for (const partition of partitions) if (!this.assignedAtMs.has(partition)) this.assignedAtMs.set(partition, nowMs);
  }

  /** Whether an event of `partition` published at `publishedAtMs` may have been fanned out before. */
  mayBeReplay(partition: number, publishedAtMs: number): boolean {
    const since = this.assignedAtMs.get(partition);
    // Not known to be assigned (a fetch racing a rebalance): ask.
    return since === undefined || publishedAtMs < since + MARGIN_MS;
  }
}
