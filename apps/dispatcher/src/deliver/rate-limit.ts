/**
 * A webhook's `rate_limit_rps` as evenly spaced sends: a token bucket holding a single token
 * that refills every (1 s + margin) / rps. Spacing rather than bursts of `rps` means that
 * network jitter cannot squeeze rps+1 arrivals into one second at the receiver (a burst at the
 * end of one window and another at the start of the next can). Exact because exactly one sender
 * instance owns a webhook (its Kafka partition).
 */
export class RateLimit {
  private intervalMs: number;
  private nextAt = 0;

  constructor(
    rps: number,
    // 100 ms of slack: the first request of a burst pays connection set-up, later ones do not,
    // so arrivals can bunch by tens of ms relative to the sends.
    private readonly windowMs = 1_000 + 100,
  ) {
    this.intervalMs = windowMs / Math.max(1, rps);
  }

  setRate(rps: number): void {
    this.intervalMs = this.windowMs / Math.max(1, rps);
  }

  /** Takes the slot now and returns 0, or returns how many ms until the next slot (takes nothing). */
  tryTake(now: number): number {
    if (now < this.nextAt) return Math.ceil(this.nextAt - now);
    // After an idle spell the schedule restarts from now (no accumulated burst).
    this.nextAt = now + this.intervalMs;
    return 0;
  }
}
