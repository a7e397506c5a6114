import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../api/schema';
import { apiErrorOf, HooklineApiError } from './api-error';
import { checkIdempotencyKey, generateIdempotencyKey } from './idempotency-key';
import type { Delivery, DeliveryWithAttempts, Event, List } from './resources';
import { backoffMs, RETRYABLE_STATUSES, retryAfterMs, sleep, type RetryOptions } from './retry-policy';

export interface HooklineClientOptions {
  /** The gateway, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  /** An organization API key (`hk_…`), or the operator key for `/v1/admin`. */
  apiKey: string;
  /** How `publish()` retries (429, 503, network errors). */
  retry?: RetryOptions;
  /** Replaces the global `fetch` (a proxy agent, a test double). */
  fetch?: typeof globalThis.fetch;
}

export interface PublishInput {
  /** A type from the catalog, e.g. `transfer.completed`. */
  type: string;
  data: Record<string, unknown>;
  is_test?: boolean;
}

export interface PublishOptions {
  /** Yours, to make a publish idempotent across your own restarts; generated when omitted. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface DeliveryQuery {
  webhook_id?: string;
  status?: 'pending' | 'delivered' | 'failed';
  event_type?: string;
  limit?: number;
  cursor?: string;
}

/**
 * The REST API, typed from the gateway's OpenAPI document. `api` reaches every route
 * (`client.api.GET('/v1/webhooks/{id}', …)`); the methods beside it cover what integrations use most
 * and throw `HooklineApiError` for an error answer.
 */
export class HooklineClient {
  readonly api: Client<paths>;
  private readonly retry: Required<Omit<RetryOptions, 'sleep'>> & Pick<RetryOptions, 'sleep'>;

  constructor(options: HooklineClientOptions) {
    this.api = createClient<paths>({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      headers: { authorization: `Bearer ${options.apiKey}` },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.retry = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 300_000, ...options.retry };
  }

  /**
   * Publishes one event, always with an `Idempotency-Key` (yours or a generated one), and retries
   * 429, 503, an `idempotency_key_in_flight` conflict and network errors with the same key, waiting
   * at least `Retry-After`: the event is stored once however many attempts it takes.
   */
  async publish(event: PublishInput, options: PublishOptions = {}): Promise<Event> {
    const key = checkIdempotencyKey(options.idempotencyKey ?? generateIdempotencyKey());
    const wait = this.retry.sleep ?? sleep;
    for (let attempt = 1; ; attempt++) {
      let answer: Awaited<ReturnType<typeof this.postEvent>>;
      try {
        answer = await this.postEvent(event, key, options.signal);
      } catch (error) {
        // No answer at all (connection refused or reset): the event may or may not be stored; the key makes a retry safe.
        if (options.signal?.aborted || attempt >= this.retry.attempts) throw error;
        await wait(backoffMs(attempt, this.retry), options.signal);
        continue;
      }
      if (answer.response.ok) return answer.data as Event;
      const error = apiErrorOf(answer.response, answer.error);
      if (!isRetryable(error) || attempt >= this.retry.attempts) throw error;
      const asked = retryAfterMs(error.retryAfter ?? null);
      if (asked !== undefined && asked > this.retry.maxRetryAfterMs) throw error;
      await wait(Math.max(asked ?? 0, backoffMs(attempt, this.retry)), options.signal);
    }
  }

  private postEvent(event: PublishInput, key: string, signal?: AbortSignal) {
    return this.api.POST('/v1/events', { body: event, params: { header: { 'Idempotency-Key': key } }, signal });
  }

  readonly events = {
    get: (id: string): Promise<Event> => this.unwrap(this.api.GET('/v1/events/{id}', { params: { path: { id } } })),
  };

  readonly deliveries = {
    list: (query: DeliveryQuery = {}): Promise<List<Delivery>> => this.unwrap(this.api.GET('/v1/webhooks/events', { params: { query } })),
    get: (id: string): Promise<DeliveryWithAttempts> => this.unwrap(this.api.GET('/v1/webhooks/events/{id}', { params: { path: { id } } })),
    /** Queues the delivery again (a new attempt with the same `webhook-id`). */
    retry: (id: string, options: { idempotencyKey?: string } = {}) =>
      this.unwrap(
        this.api.POST('/v1/webhooks/events/{id}/retry', {
          params: { path: { id }, header: { 'Idempotency-Key': checkIdempotencyKey(options.idempotencyKey ?? generateIdempotencyKey()) } },
        }),
      ),
  };

  private async unwrap<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
    const { data, error, response } = await pending;
    if (!response.ok) throw apiErrorOf(response, error);
    return data as T;
  }
}

/** 409s that mean "an earlier try with this key is still running": the gateway's own, and ingestion's. */
const KEY_BUSY_CODES = new Set(['idempotency_key_in_flight', 'idempotency_key_in_use']);

function isRetryable(error: HooklineApiError): boolean {
  return RETRYABLE_STATUSES.has(error.status) || (error.status === 409 && KEY_BUSY_CODES.has(error.code));
}
