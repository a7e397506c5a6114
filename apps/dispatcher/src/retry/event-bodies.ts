import type { CallOptions } from '@hookline/grpc';
import type { ingestionV1 } from '@hookline/proto';
import { envelopeJson } from '../model/envelope';

/** What the bodies are read from: ingestion's archive (its GetEventEnvelopes). */
export interface EnvelopeSource {
  getEventEnvelopes(request: ingestionV1.GetEventEnvelopesRequest, options?: CallOptions): Promise<ingestionV1.GetEventEnvelopesResponse>;
}

/** The bodies found, and since when the archive keeps events (null when every id came from the cache). */
export interface FetchedBodies {
  bodies: Map<string, string>;
  retainedSince: Date | null;
}

export interface EventBodiesOptions {
  /** Per request to ingestion. */
  deadlineMs?: number;
  /** The cache's bound, in characters of envelope JSON. */
  maxCachedChars?: number;
}

/** Ingestion's limit per request. */
const IDS_PER_REQUEST = 500;

/**
 * The envelopes of events, for every attempt not made from the events topic (retries, held and
 * deferred deliveries, manual redeliveries). Ingestion's archive holds the one copy of each
 * event's body; the envelope is built from it exactly as the fan-out built it from the topic
 * (same fields, same order), so a retry signs the bytes the first attempt signed.
 * Bodies never change, so a bounded cache (least recently used out first) spares a read when an
 * event's deliveries to several webhooks retry together.
 */
export class EventBodies {
  private readonly cache = new Map<string, string>();
  private cachedChars = 0;
  private readonly deadlineMs: number;
  private readonly maxCachedChars: number;

  constructor(
    private readonly source: EnvelopeSource,
    options: EventBodiesOptions = {},
  ) {
    this.deadlineMs = options.deadlineMs ?? 2_000;
    this.maxCachedChars = options.maxCachedChars ?? 16 * 1024 * 1024;
  }

  /** The envelopes of these events that ingestion has archived; throws when ingestion does not answer in time. */
  async fetch(eventIds: readonly string[], signal?: AbortSignal): Promise<FetchedBodies> {
    const bodies = new Map<string, string>();
    const missing: string[] = [];
    for (const id of new Set(eventIds)) {
      const cached = this.cache.get(id);
      if (cached === undefined) {
        missing.push(id);
        continue;
      }
      // Refreshed: the most recently used go last, and are evicted last.
      this.cache.delete(id);
      this.cache.set(id, cached);
      bodies.set(id, cached);
    }
    let retainedSince: Date | null = null;
    for (let i = 0; i < missing.length; i += IDS_PER_REQUEST) {
      const answer = await this.source.getEventEnvelopes({ eventIds: missing.slice(i, i + IDS_PER_REQUEST) }, { deadlineMs: this.deadlineMs, signal });
      const since = new Date(answer.retainedSince);
      if (!Number.isNaN(since.getTime()) && (retainedSince === null || since > retainedSince)) retainedSince = since;
      for (const event of answer.events) {
        const body = envelopeJson(event);
        bodies.set(event.id, body);
        this.remember(event.id, body);
      }
    }
    return { bodies, retainedSince };
  }

  private remember(id: string, body: string): void {
    if (body.length > this.maxCachedChars || this.cache.has(id)) return;
    this.cache.set(id, body);
    this.cachedChars += body.length;
    for (const [oldest, evicted] of this.cache) {
      if (this.cachedChars <= this.maxCachedChars) break;
      this.cache.delete(oldest);
      this.cachedChars -= evicted.length;
    }
  }
}
