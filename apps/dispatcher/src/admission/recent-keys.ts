/** A set of the last `size` keys added (oldest forgotten first). */
export class RecentKeys {
  private readonly keys = new Set<string>();
  private readonly order: string[];
  private next = 0;

  constructor(size: number) {
    this.order = new Array<string>(size);
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  add(key: string): void {
    const oldest = this.order[this.next];
    if (oldest !== undefined) this.keys.delete(oldest);
    this.order[this.next] = key;
    this.next = (this.next + 1) % this.order.length;
    this.keys.add(key);
  }
}
