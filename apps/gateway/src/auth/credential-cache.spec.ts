import type { Actor } from './actor';
import { CredentialCache, type CachedCredential } from './credential-cache';

const valid = (keyId: string): CachedCredential => ({
  state: 'valid',
  actor: { kind: 'api_key', keyId, owner: 'alice', role: 'viewer', orgId: 'org_1' } satisfies Actor,
  validatedAt: 0,
});

describe('CredentialCache', () => {
  it('never holds more than its maximum: the least recently used entry goes first', () => {
    const cache = new CredentialCache(3);
    cache.set('h1', valid('key_1'));
    cache.set('h2', valid('key_2'));
    cache.set('h3', valid('key_3'));
    cache.get('h1'); // used: h2 is now the least recently used
    cache.set('h4', valid('key_4'));
    expect(cache.size).toBe(3);
    expect(cache.get('h2')).toBeUndefined();
    expect(cache.hashOf('key_2')).toBeUndefined();
    expect(cache.get('h1')).toMatchObject({ state: 'valid' });
    expect(cache.get('h3')).toMatchObject({ state: 'valid' });
    expect(cache.get('h4')).toMatchObject({ state: 'valid' });
  });

  it('stays bounded under a flood of distinct keys, keeping the most recent ones', () => {
    const cache = new CredentialCache(100);
    for (let i = 0; i < 10_000; i++) cache.set(`h${i}`, valid(`key_${i}`));
    expect(cache.size).toBe(100);
    expect(cache.get('h9999')).toBeDefined();
    expect(cache.get('h9900')).toBeDefined();
    expect(cache.get('h9899')).toBeUndefined();
    expect(cache.hashOf('key_0')).toBeUndefined();
  });

  it('finds an entry by its credential id, and forgets the id when the entry is replaced or evicted', () => {
    const cache = new CredentialCache(2);
    cache.set('h1', valid('key_1'));
    expect(cache.hashOf('key_1')).toBe('h1');
    cache.set('h1', { state: 'refused', credentialId: 'key_1' });
    expect(cache.hashOf('key_1')).toBe('h1');
    cache.set('h2', valid('key_2'));
    cache.set('h3', valid('key_3'));
    expect(cache.hashOf('key_1')).toBeUndefined();
    cache.delete('h3');
    expect(cache.hashOf('key_3')).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('refuses to be built without room', () => {
    expect(() => new CredentialCache(0)).toThrow();
  });
});
