// A steady publishing load, half over REST (the gateway) and half over gRPC (ingestion), that
// remembers every event the platform acknowledged and when, and counts what it refused.
import type { GrpcClient } from '@hookline/grpc';
import type { ingestionV1 } from '@hookline/proto';

export interface LoadTarget {
  gateway: string;
  apiKey: string;
  orgId: string;
  ingestion: GrpcClient<typeof ingestionV1.IngestionServiceService>;
}

export interface ApiErrors {
  /** REST answers ≥ 500 (503 while a dependency is down is documented). */
  rest5xx: number;
  /** REST calls that got no answer (connection refused or reset, timeout). */
  restNoAnswer: number;
  /** gRPC publishes refused or failed. */
  grpc: number;
  /** Answers that are neither success nor a server error (must stay 0). */
  unexpected: number;
}

const MAX_IN_FLIGHT = 64;
const TICK_MS = 50;

export class Load {
  /** evt_… → when it was acknowledged (ms). */
  readonly acknowledged = new Map<string, number>();
  readonly errors: ApiErrors = { rest5xx: 0, restNoAnswer: 0, grpc: 0, unexpected: 0 };
  /** REST refusals by status and error code (`503 authentication_unavailable`), and calls with no answer. */
  readonly restRefusals: Record<string, number> = {};
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly pending = new Set<Promise<void>>();
  private sequence = 0;
  private debt = 0;

  constructor(
    private readonly target: LoadTarget,
    private readonly ratePerSecond: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.pending);
  }

  /** Publishes one event now over REST; resolves with its id once acknowledged, else null. */
  async publishOne(data: Record<string, unknown> = {}): Promise<string | null> {
    return this.publishRest({ ...data, n: this.sequence++ });
  }

  private tick(): void {
    this.debt += (this.ratePerSecond * TICK_MS) / 1000;
    while (this.debt >= 1 && this.inFlight < MAX_IN_FLIGHT) {
      this.debt -= 1;
      const n = this.sequence++;
      const call = (n % 2 === 0 ? this.publishRest({ n }) : this.publishGrpc({ n })).then(() => undefined);
      this.track(call);
    }
    // What could not start (everything in flight is stuck on a fault) is not made up later.
    if (this.debt > 1) this.debt = 1;
  }

  private track(call: Promise<void>): void {
    this.inFlight++;
    this.pending.add(call);
    void call.finally(() => {
      this.inFlight--;
      this.pending.delete(call);
    });
  }

  private async publishRest(data: Record<string, unknown>): Promise<string | null> {
    try {
      const res = await fetch(`${this.target.gateway}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.target.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'transfer.completed', data }),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      if (res.status === 201) {
        const id = (JSON.parse(text) as { id: string }).id;
        this.acknowledged.set(id, Date.now());
        return id;
      }
      if (res.status >= 500) this.errors.rest5xx++;
      else this.errors.unexpected++;
      this.countRefusal(`${res.status} ${errorCode(text)}`);
    } catch (error) {
      this.errors.restNoAnswer++;
      this.countRefusal(`no answer (${error instanceof Error ? error.name : 'error'})`);
    }
    return null;
  }

  private countRefusal(what: string): void {
    this.restRefusals[what] = (this.restRefusals[what] ?? 0) + 1;
  }

  private async publishGrpc(data: Record<string, unknown>): Promise<string | null> {
    try {
      const response = await this.target.ingestion.publish(
        { orgId: this.target.orgId, type: 'transfer.completed', dataJson: JSON.stringify(data), idempotencyKey: '', isTest: false, targetWebhookId: '' },
        { deadlineMs: 15_000 },
      );
      const id = response.event?.id;
      if (id) {
        this.acknowledged.set(id, Date.now());
        return id;
      }
      this.errors.grpc++;
    } catch {
      this.errors.grpc++;
    }
    return null;
  }
}

/** The public error body's `code`, or '' when the answer is not one. */
function errorCode(text: string): string {
  try {
    return String((JSON.parse(text) as { error?: { code?: unknown } }).error?.code ?? '');
  } catch {
    return '';
  }
}
