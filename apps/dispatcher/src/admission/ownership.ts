import { partitionForKey } from '@hookline/kafka';

/**
 * Which deliveries-topic partitions this instance's sender owns right now, and so which
 * webhooks (a task's key is its webhook id). The fan-out hands a first attempt straight to the
 * local sender only for a webhook owned here: every send of a webhook still happens in the one
 * process that owns it, so rate limits and FIFO stay exact with any number of instances.
 */
export class DeliveryOwnership {
  private owned = new Set<number>();
  private readonly partitions = new Map<string, number>();

  constructor(private readonly partitionCount: number) {}

  /** The partition the deliveries topic's producer picks for this webhook's tasks. */
  partitionOf(webhookId: string): number {
    let partition = this.partitions.get(webhookId);
    if (partition === undefined) {
      partition = partitionForKey(webhookId, this.partitionCount);
      if (this.partitions.size >= 100_000) this.partitions.clear();
      this.partitions.set(webhookId, partition);
    }
    return partition;
  }

  /** The partition when this instance owns it, else null. */
  ownedPartition(webhookId: string): number | null {
    if (this.owned.size === 0) return null;
    const partition = this.partitionOf(webhookId);
    return this.owned.has(partition) ? partition : null;
  }

  /** From the group's assignment; empty while a rebalance is under way. */
  setOwned(partitions: number[]): void {
    this.owned = new Set(partitions);
  }
}
