/**
 * A webhook's `rate_limit_rps` as an exact sliding window: a send may start when fewer than
 * `rps` sends started in the last window. The start times of the last `rps` sends are kept in a
 * ring, so the check is O(1): the oldest of them must be at least one window old.
 *
 * Bursts are allowed (a quiet webhook gets its first `rps` deliveries at once, with no added
 * latency), yet no window holds more than `rps` starts. The window is one second plus a margin:
 * the receiver sees arrivals, not starts, and an arrival can lag its start (the first request of
 * a burst pays the connection set-up; a busy event loop delays a write), so `rps` arrivals still
 * fit in any one second when delays differ by less than the margin. Exact because exactly one
 * sender instance owns a webhook (its Kafka partition).
 */
export class RateLimit {
  private starts: number[];
  /** Index of the oldest kept start (when the ring is full). */
  private head = 0;
  private count = 0;

  constructor(
    private rps: number,
    private readonly windowMs = 1_000 + 50,
  ) {
    this.rps = Math.max(1, Math.floor(rps));
    this.starts = new Array<number>(this.rps);
  }

  setRate(rps: number): void {
    rps = Math.max(1, Math.floor(rps));
    if (rps === this.rps) return;
    // Keep the most recent starts, so a new limit applies to the sends already made.
    const recent = this.recentStarts().slice(-rps);
    this.rps = rps;
    this.starts = new Array<number>(rps);
    recent.forEach((start, i) => (this.starts[i] = start));
    this.count = recent.length;
    this.head = 0;
  }

  /** Takes a slot now and returns 0, or returns how many ms until one frees up (takes nothing). */
  tryTake(now: number): number {
    if (this.count < this.rps) {
      this.starts[(this.head + this.count) % this.rps] = now;
      this.count++;
      return 0;
    }
    const oldest = this.starts[this.head];
    if (now - oldest < this.windowMs) return Math.ceil(oldest + this.windowMs - now);
    this.starts[this.head] = now;
    this.head = (this.head + 1) % this.rps;
    return 0;
  }

  private recentStarts(): number[] {
    const list: number[] = [];
    for (let i = 0; i < this.count; i++) list.push(this.starts[(this.head + i) % this.rps]);
    return list;
  }
}
