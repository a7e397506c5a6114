import { createHash } from 'node:crypto';
import { AuthenticationError } from '@hookline/errors';
import type { Actor, Role } from './actor';
import { ROLES } from './actor';

/** Asks the registry who a bearer key belongs to; throws AuthenticationError when it is unknown or revoked. */
export type ApiKeyLookup = (key: string) => Promise<Omit<Actor, 'kind'>>;

export interface ApiKeyAuthenticatorOptions {
  /** How long a successful lookup is reused. Revocation must bite within 1 s, so at most 1000. */
  cacheMs?: number;
  now?: () => number;
}

/**
 * Resolves `hk_…` keys to actors through the registry, remembering successful answers briefly
 * so a burst of calls costs one registry round trip. The cache is keyed by a hash of the key so
 * plaintext keys do not linger in memory; concurrent lookups of one key share one call.
 */
export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, { actor: Actor; expiresAt: number }>();
  private readonly inFlight = new Map<string, Promise<Actor>>();
  private readonly cacheMs: number;
  private readonly now: () => number;

  constructor(
    private readonly lookup: ApiKeyLookup,
    options: ApiKeyAuthenticatorOptions = {},
  ) {
    this.cacheMs = Math.min(options.cacheMs ?? 1_000, 1_000);
    this.now = options.now ?? Date.now;
  }

  async authenticate(key: string): Promise<Actor> {
    const id = createHash('sha256').update(key).digest('base64url');
    const cached = this.cache.get(id);
    if (cached && cached.expiresAt > this.now()) return cached.actor;
    let pending = this.inFlight.get(id);
    if (!pending) {
      pending = this.resolve(id, key).finally(() => this.inFlight.delete(id));
      this.inFlight.set(id, pending);
    }
    return pending;
  }

  private async resolve(id: string, key: string): Promise<Actor> {
    let found: Omit<Actor, 'kind'>;
    try {
      found = await this.lookup(key);
    } catch (error) {
      // Unknown, malformed and revoked keys answer alike: the answer must not tell a holder that
      // their key once was valid.
      if (error instanceof AuthenticationError) throw invalidKey();
      throw error;
    }
    if (!ROLES.includes(found.role as Role)) throw invalidKey();
    const actor: Actor = { kind: 'api_key', ...found };
    if (this.cache.size > 10_000) this.evictExpired();
    this.cache.set(id, { actor, expiresAt: this.now() + this.cacheMs });
    return actor;
  }

  private evictExpired(): void {
    const now = this.now();
    for (const [id, entry] of this.cache) if (entry.expiresAt <= now) this.cache.delete(id);
  }
}

function invalidKey(): AuthenticationError {
  return new AuthenticationError('The API key is not valid.', { code: 'api_key_invalid' });
}
