import type { Actor } from './actor';

/** What the gateway remembers of one API key or portal session, under the hash of its key or token. */
export type CachedCredential =
  | {
      state: 'valid';
      actor: Actor;
      /** When the registry last said the credential is valid (ms). */
      validatedAt: number;
      /** A portal session's end (ms); API keys do not expire. */
      expiresAt?: number;
    }
  /** Revoked or expired: final, so it is refused from memory even while the registry is down. */
  | { state: 'refused'; /** '' when the registry refused a credential the cache did not hold. */ credentialId: string };

/**
 * A bounded least-recently-used map from the SHA-256 of a key or token (as the registry stores
 * it; the plaintext is never kept) to what the registry said of it, plus an index by credential
 * id, so a change on the credential feed (which names credentials by id) finds its entry.
 */
export class CredentialCache {
  private readonly byHash = new Map<string, CachedCredential>();
  private readonly hashById = new Map<string, string>();

  constructor(readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error('the credential cache needs room for at least one entry');
  }

  get size(): number {
    return this.byHash.size;
  }

  /** The entry (marked most recently used), or undefined. */
  get(hash: string): CachedCredential | undefined {
    const entry = this.byHash.get(hash);
    if (!entry) return undefined;
    this.byHash.delete(hash);
    this.byHash.set(hash, entry);
    return entry;
  }

  /** Stores an entry as the most recently used; the least recently used one goes when the cache is full. */
  set(hash: string, entry: CachedCredential): void {
    this.delete(hash);
    while (this.byHash.size >= this.maxEntries) this.delete(this.byHash.keys().next().value!);
    this.byHash.set(hash, entry);
    if (idOf(entry)) this.hashById.set(idOf(entry), hash);
  }

  delete(hash: string): void {
    const entry = this.byHash.get(hash);
    if (!entry) return;
    this.byHash.delete(hash);
    if (this.hashById.get(idOf(entry)) === hash) this.hashById.delete(idOf(entry));
  }

  /** The hash cached for a credential id, if any. */
  hashOf(credentialId: string): string | undefined {
    return this.hashById.get(credentialId);
  }

  clear(): void {
    this.byHash.clear();
    this.hashById.clear();
  }
}

const idOf = (entry: CachedCredential): string => (entry.state === 'valid' ? entry.actor.keyId : entry.credentialId);
