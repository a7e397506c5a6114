// A careful publisher: every event carries its own Idempotency-Key (half REST, half gRPC
// `idempotency_key`), and every answer that is not a success — 503, 409 in progress, a timeout, no
// answer at all — is retried with the same key and body, no sooner than its Retry-After.
import { isDomainError } from '@hookline/errors';
import { sleep } from './scenario';
import type { LoadTarget } from './load';

export interface KeyedPublish {
  key: string;
  via: 'rest' | 'grpc';
  /** Every event id the platform answered for this key (one, when the promise holds). */
  ids: Set<string>;
  tries: number;
  /** The first try's answer: `201`/`ok`, an HTTP status and code, a gRPC error code, or `no answer`. */
  firstAnswer: string;
  /** When the first success came (ms). */
  acknowledgedAt?: number;
}

type Try = { id: string } | { refused: string; retryAfterSeconds?: number };

/** Gives up on a key after this long (the key is then reported as never acknowledged). */
const GIVE_UP_AFTER_MS = 180_000;
const FIRST_RETRY_DELAY_MS = 250;
const MAX_RETRY_DELAY_MS = 8_000;
const TICK_MS = 50;
/** Keys being published at once (unbounded, a stall's retries pile up until a busy machine saturates). */
const MAX_KEYS_IN_FLIGHT = 128;

export class KeyedLoad {
  readonly publishes = new Map<string, KeyedPublish>();
  private timer: NodeJS.Timeout | null = null;
  private readonly running = new Set<Promise<void>>();
  private sequence = 0;

  constructor(
    private readonly target: LoadTarget,
    private readonly keysPerSecond: number,
    /** Makes this load's keys its own (several runs share an organization's key space). */
    private readonly keyPrefix: string,
  ) {}

  /**
   * Starts `keysPerSecond` new keys a second, each published until it succeeds. Counted from the
   * start rather than per timer tick, so a busy event loop delays keys but does not drop them; at
   * most MAX_KEYS_IN_FLIGHT at once, as a publisher's worker pool would (while the broker stalls,
   * the keys due wait and start once keys in flight succeed).
   */
  start(): void {
    const startedAt = Date.now();
    this.timer = setInterval(() => {
      const due = Math.floor(((Date.now() - startedAt) / 1000) * this.keysPerSecond);
      while (this.sequence < due && this.running.size < MAX_KEYS_IN_FLIGHT) this.startKey();
    }, TICK_MS);
  }

  /** Starts no new key and waits until every key started has succeeded (or was given up). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.running);
  }

  private startKey(): void {
    const n = this.sequence++;
    const publish: KeyedPublish = { key: `${this.keyPrefix}-${n}`, via: n % 2 === 0 ? 'rest' : 'grpc', ids: new Set(), tries: 0, firstAnswer: '' };
    this.publishes.set(publish.key, publish);
    const run = this.publishUntilAcknowledged(publish, { n, key: publish.key });
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  private async publishUntilAcknowledged(publish: KeyedPublish, data: Record<string, unknown>): Promise<void> {
    const giveUpAt = Date.now() + GIVE_UP_AFTER_MS;
    while (Date.now() < giveUpAt) {
      const answer = publish.via === 'rest' ? await this.tryRest(publish.key, data) : await this.tryGrpc(publish.key, data);
      publish.tries++;
      if (publish.tries === 1) publish.firstAnswer = 'id' in answer ? 'success' : answer.refused;
      if ('id' in answer) {
        publish.ids.add(answer.id);
        publish.acknowledgedAt ??= Date.now();
        return;
      }
      await sleep(retryDelayMs(publish.tries, answer.retryAfterSeconds));
    }
  }

  private async tryRest(key: string, data: Record<string, unknown>): Promise<Try> {
    try {
      const res = await fetch(`${this.target.gateway}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.target.apiKey}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ type: 'transfer.completed', data }),
        signal: AbortSignal.timeout(15_000),
      });
      const body = (await res.json().catch(() => ({}))) as { id?: string; error?: { code?: string } };
      if (res.status === 201 && body.id) return { id: body.id };
      const retryAfter = Number(res.headers.get('retry-after'));
      return { refused: `${res.status} ${body.error?.code ?? ''}`.trim(), retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined };
    } catch (error) {
      // TimeoutError: no answer within the client's 15 s; TypeError: the connection failed or was reset.
      return { refused: `no answer (${error instanceof Error ? error.name : 'error'})` };
    }
  }

  private async tryGrpc(key: string, data: Record<string, unknown>): Promise<Try> {
    try {
      const response = await this.target.ingestion.publish(
        { orgId: this.target.orgId, type: 'transfer.completed', dataJson: JSON.stringify(data), idempotencyKey: key, isTest: false, targetWebhookId: '' },
        { deadlineMs: 10_000 },
      );
      return response.event?.id ? { id: response.event.id } : { refused: 'no event' };
    } catch (error) {
      if (!isDomainError(error)) return { refused: 'no answer' };
      const retryAfter = error.details?.retry_after_seconds;
      return { refused: `${error.kind} ${error.code}`, retryAfterSeconds: typeof retryAfter === 'number' ? retryAfter : undefined };
    }
  }
}

/**
 * A publisher's backoff: the answer's Retry-After when it gave one, else exponential from 250 ms
 * with full jitter, capped at 8 s, so a stall's retries do not turn into a storm.
 */
function retryDelayMs(tries: number, retryAfterSeconds?: number): number {
  if (retryAfterSeconds) return Math.min(MAX_RETRY_DELAY_MS, retryAfterSeconds * 1000);
  return Math.random() * Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 2 ** (tries - 1));
}
