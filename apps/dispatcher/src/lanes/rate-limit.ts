/**
 * A webhook's `rate_limit_rps`, exact at the receiver: a send may start only while fewer than
 * `rps` sends are in flight or finished within the last second. A request reaches the endpoint
 * somewhere between its start and its completion, so if no `rps + 1` sends are ever "in flight
 * or finished less than a window ago" at one moment, no one-second window at the endpoint can
 * see more than `rps` arrivals — whatever the network or event-loop delays (a limit on start
 * times alone needs a margin for those, and still fails when delays vary more than the margin).
 *
 * Bursts are allowed: a quiet webhook gets its first `rps` deliveries at once, with no added
 * latency; the price is one request duration per window at saturation. Exact because exactly
 * one instance owns a webhook (its deliveries-topic partition).
 */
export class RateLimit {
  private inFlight = 0;
  /** Completion times within the window, oldest first (completions are recorded as they happen). */
  private readonly completed: number[] = [];
  private completedHead = 0;

  constructor(
    private rps: number,
    // Milliseconds are whole on both sides (here and at the receiver): a few of slack.
    private readonly windowMs = 1_000 + 5,
  ) {
    this.rps = Math.max(1, Math.floor(rps));
  }

  setRate(rps: number): void {
    this.rps = Math.max(1, Math.floor(rps));
  }

  /**
   * Takes a slot now and returns 0; or returns how many ms until a slot frees up (takes
   * nothing) — Infinity when every slot is taken by a send still in flight: call again after
   * `release`.
   */
  tryTake(now: number): number {
    this.forgetBefore(now - this.windowMs);
    const recent = this.completed.length - this.completedHead;
    if (this.inFlight + recent < this.rps) {
      this.inFlight++;
      return 0;
    }
    return recent > 0 ? Math.max(1, this.completed[this.completedHead] + this.windowMs - now) : Infinity;
  }

  /** Nothing in flight and nothing finished within the window: a fresh limit would behave the same. */
  quiet(now: number): boolean {
    return this.inFlight === 0 && (this.completed.length === this.completedHead || this.completed[this.completed.length - 1] <= now - this.windowMs);
  }

  /** A send taken with `tryTake` finished (answered, failed or timed out) at `now`. */
  release(now: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.completed.push(now);
  }

  private forgetBefore(cutoff: number): void {
    while (this.completedHead < this.completed.length && this.completed[this.completedHead] <= cutoff) this.completedHead++;
    // Compact now and then rather than shifting on every send.
    if (this.completedHead > 1_024 && this.completedHead * 2 > this.completed.length) {
      this.completed.splice(0, this.completedHead);
      this.completedHead = 0;
    }
  }
}
