import { createHash } from 'node:crypto';
import { AuthenticationError, DeadlineError, UnavailableError } from '@hookline/errors';
import type { Actor, Role } from './actor';
import { ROLES } from './actor';
import { CredentialCache, type CachedCredential } from './credential-cache';

/** Asks the registry who a bearer key (or portal token) belongs to; throws AuthenticationError when it is unknown, revoked or expired. */
export type ApiKeyLookup = (key: string) => Promise<Omit<Actor, 'kind'>>;

/** How far the credential feed has been applied (see CredentialFeed). */
export interface FeedPosition {
  /** When the feed was last seen applied up to its end (ms; 0: never). */
  caughtUpAt(): number;
  /** Resolves after the next comparison of the feed's end with what was applied. */
  nextCheck?(): Promise<void>;
}

/** A change of one credential, as the registry's credential feed reports it. */
export interface CredentialChangeNotice {
  credentialId: string;
  /** `revoked` and `expired` are final; anything else only makes the gateway ask again. */
  change: string;
}

export interface ApiKeyAuthenticatorOptions {
  /** Most keys and portal sessions remembered (least recently used go first). */
  maxEntries?: number;
  /** The credential feed; without one, an answer is reused for at most `freshMs`, as if the feed were never fresh. */
  feed?: FeedPosition;
  /** A revocation bites within this (ms): the feed must have been seen at its end this recently for a cached answer to be used alone. */
  freshMs?: number;
  now?: () => number;
}

/** The Retry-After of a credential that cannot be checked while the registry is away. */
const RETRY_AFTER_SECONDS = 2;
/**
 * The registry just went away while the feed had not yet been seen at its end since its last
 * answer: a request waits for this many feed checks (each at most FEED_CHECK_WAIT_MS) before 503.
 */
const FEED_CHECKS_AWAITED = 3;
const FEED_CHECK_WAIT_MS = 1_000;
const FINAL_CHANGES = new Set(['revoked', 'expired']);
const FINAL_REFUSALS = new Set(['api_key_revoked', 'portal_session_revoked', 'portal_session_expired']);

/**
 * Resolves `hk_…` keys and `hkps_…` portal tokens to actors from a bounded cache kept current by
 * the registry's credential feed, so REST keeps serving while the registry restarts:
 *
 * - a cached answer is used alone while the feed is fresh (seen at its end within `freshMs`):
 *   every revocation committed before then has reached the cache, so a revoked credential is
 *   refused within that time, registry up or down;
 * - while the feed is not fresh (a broker outage, a consumer restart, the first seconds after
 *   start), a cached answer is reused for at most `freshMs` and the registry is asked again;
 * - when the registry cannot answer, a cached credential keeps serving only if the feed has been
 *   at its end since the registry last answered: no revocation the registry made can have been
 *   missed. Otherwise, and for a credential never seen, the answer is 503 + Retry-After, not 401.
 *
 * Revoked and expired credentials are remembered as refused (revocation is final), so they are
 * refused from memory while the registry is down. Keys are cached by SHA-256, never in plaintext;
 * concurrent lookups of one key share one registry call.
 */
export class ApiKeyAuthenticator {
  private readonly cache: CredentialCache;
  private readonly inFlight = new Map<string, Promise<Actor>>();
  private readonly freshMs: number;
  private readonly now: () => number;
  private readonly feed: FeedPosition;
  /** When the registry last answered a lookup (with a credential or a refusal). */
  private registryAnsweredAt = 0;
  /** Feed changes applied so far: a lookup that overlaps one does not cache its (possibly older) answer. */
  private changesApplied = 0;

  constructor(
    private readonly lookup: ApiKeyLookup,
    options: ApiKeyAuthenticatorOptions = {},
  ) {
    this.cache = new CredentialCache(options.maxEntries ?? 10_000);
    this.freshMs = Math.min(options.freshMs ?? 1_000, 1_000);
    this.now = options.now ?? Date.now;
    this.feed = options.feed ?? { caughtUpAt: () => 0 };
  }

  get cachedEntries(): number {
    return this.cache.size;
  }

  async authenticate(key: string): Promise<Actor> {
    const hash = createHash('sha256').update(key).digest('base64url');
    const now = this.now();
    const cached = this.usable(hash, now);
    if (cached && (cached.validatedAt > now - this.freshMs || this.feedFresh(now))) return cached.actor;
    let pending = this.inFlight.get(hash);
    if (!pending) {
      pending = this.resolve(hash, key).finally(() => this.inFlight.delete(hash));
      this.inFlight.set(hash, pending);
    }
    try {
      return await pending;
    } catch (error) {
      if (!(error instanceof UnavailableError || error instanceof DeadlineError)) throw error;
      // The registry is away: a cached credential serves if no revocation can have been missed.
      const fallback = await this.servableWithoutRegistry(hash);
      if (fallback) return fallback.actor;
      throw new UnavailableError('API keys cannot be checked right now (the registry is unavailable); retry shortly.', {
        code: 'authentication_unavailable',
        details: { retry_after_seconds: RETRY_AFTER_SECONDS },
        cause: error,
      });
    }
  }

  /**
   * Applies a credential-feed change: a revoked or expired credential is refused from now on, any
   * other change makes the next request ask the registry again.
   */
  applyChange(notice: CredentialChangeNotice): void {
    this.changesApplied++;
    const hash = this.cache.hashOf(notice.credentialId);
    if (hash === undefined) return;
    if (FINAL_CHANGES.has(notice.change)) this.cache.set(hash, { state: 'refused', credentialId: notice.credentialId });
    else this.cache.delete(hash);
  }

  /** Forgets everything (a feed message that could not be read may have named any credential). */
  forgetAll(): void {
    this.changesApplied++;
    this.cache.clear();
  }

  /**
   * The cached credential if the feed has been at its end since the registry last answered
   * (waiting a few feed checks for that when the registry has only just gone away).
   */
  private async servableWithoutRegistry(hash: string): Promise<Extract<CachedCredential, { state: 'valid' }> | undefined> {
    for (let checks = 0; ; checks++) {
      const entry = this.usable(hash, this.now());
      if (!entry) return undefined;
      if (this.feed.caughtUpAt() > this.registryAnsweredAt) return entry;
      if (checks === FEED_CHECKS_AWAITED || !this.feed.nextCheck) return undefined;
      await nextCheckOrTimeout(this.feed.nextCheck(), FEED_CHECK_WAIT_MS);
    }
  }

  /** The cached valid credential, or undefined; throws for one known to be revoked or expired. */
  private usable(hash: string, now: number): Extract<CachedCredential, { state: 'valid' }> | undefined {
    const entry = this.cache.get(hash);
    if (!entry) return undefined;
    if (entry.state === 'refused') throw invalidKey();
    if (entry.expiresAt !== undefined && entry.expiresAt <= now) {
      this.cache.set(hash, { state: 'refused', credentialId: entry.actor.keyId });
      throw invalidKey();
    }
    return entry;
  }

  private feedFresh(now: number): boolean {
    return this.feed.caughtUpAt() > now - this.freshMs;
  }

  private async resolve(hash: string, key: string): Promise<Actor> {
    const changesBefore = this.changesApplied;
    let found: Omit<Actor, 'kind'>;
    try {
      found = await this.lookup(key);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      this.registryAnsweredAt = this.now();
      const cached = this.cache.get(hash);
      if (error.code && FINAL_REFUSALS.has(error.code)) {
        this.cache.set(hash, { state: 'refused', credentialId: cached?.state === 'valid' ? cached.actor.keyId : (cached?.credentialId ?? '') });
      } else if (cached) {
        this.cache.delete(hash);
      }
      // Unknown, malformed, revoked and expired credentials answer alike: the answer must not tell
      // a holder that their key once was valid.
      throw invalidKey();
    }
    const now = this.now();
    this.registryAnsweredAt = now;
    if (!ROLES.includes(found.role as Role)) throw invalidKey();
    const actor: Actor = { kind: 'api_key', ...found };
    // A feed change applied while the registry answered may concern this credential: the answer
    // serves this request, and the next one asks again.
    if (this.changesApplied === changesBefore) {
      const expiresAt = actor.portal ? Date.parse(actor.portal.expiresAt) : undefined;
      this.cache.set(hash, { state: 'valid', actor, validatedAt: now, ...(expiresAt !== undefined && Number.isFinite(expiresAt) ? { expiresAt } : {}) });
    } else {
      this.cache.delete(hash);
    }
    return actor;
  }
}

async function nextCheckOrTimeout(check: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([check, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

function invalidKey(): AuthenticationError {
  return new AuthenticationError('The API key is not valid.', { code: 'api_key_invalid' });
}
