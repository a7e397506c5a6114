/**
 * A bounded FIFO of records waiting for Kafka. When full, the oldest record is dropped (and
 * counted by the caller): an outage must not grow the gateway's memory without bound.
 */
export class RecordBuffer<T> {
  private items: T[] = [];
  private head = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.items.length - this.head;
  }

  /** Adds a record; returns how many old records were dropped to make room (0 or 1). */
  push(item: T): number {
    this.items.push(item);
    if (this.size <= this.capacity) return 0;
    this.head += 1;
    this.compact();
    return 1;
  }

  /** The oldest records, up to `max`, left in the buffer until `remove` confirms them sent. */
  peek(max: number): T[] {
    return this.items.slice(this.head, this.head + max);
  }

  /** Removes records just sent (the oldest ones), skipping any dropped while they were in flight. */
  remove(sent: T[]): void {
    let i = 0;
    while (i < sent.length && this.size > 0 && this.items[this.head] !== sent[i]) i += 1;
    while (i < sent.length && this.size > 0 && this.items[this.head] === sent[i]) {
      this.head += 1;
      i += 1;
    }
    this.compact();
  }

  private compact(): void {
    // Amortised O(1): shift the array only once the dead prefix is as large as the live part.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
