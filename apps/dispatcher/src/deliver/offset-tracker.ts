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
