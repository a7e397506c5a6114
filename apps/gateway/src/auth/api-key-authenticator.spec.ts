import { AuthenticationError, UnavailableError } from '@hookline/errors';
import { ApiKeyAuthenticator, type ApiKeyLookup } from './api-key-authenticator';

const found = { keyId: 'key_1', owner: 'alice', role: 'admin' as const, orgId: 'org_1' };
const registryDown = () => new UnavailableError('registry.AuthenticateApiKey is unavailable');

/** A registry that answers `found` for `hk_a`, or what the test sets. */
function fakeRegistry() {
  const state = { calls: 0, down: false, revoked: new Set<string>(), known: new Map<string, typeof found>([['hk_a', found]]) };
  const lookup: ApiKeyLookup = async (key) => {
    state.calls++;
    if (state.down) throw registryDown();
    if (state.revoked.has(key)) throw new AuthenticationError('the API key has been revoked', { code: 'api_key_revoked' });
    const actor = state.known.get(key);
    if (!actor) throw new AuthenticationError('the API key is not valid', { code: 'api_key_invalid' });
    return actor;
  };
  return { state, lookup };
}

describe('ApiKeyAuthenticator', () => {
  it('without a fresh feed, reuses an answer for at most a second, so a revocation bites within 1 s', async () => {
    let now = 0;
    const registry = fakeRegistry();
    const auth = new ApiKeyAuthenticator(registry.lookup, { freshMs: 5_000, now: () => now });
    await expect(auth.authenticate('hk_a')).resolves.toMatchObject({ kind: 'api_key', keyId: 'key_1' });
    now = 999;
    await auth.authenticate('hk_a');
    expect(registry.state.calls).toBe(1);
    registry.state.revoked.add('hk_a');
    now = 1_000;
    await expect(auth.authenticate('hk_a')).rejects.toMatchObject({ code: 'api_key_invalid', message: 'The API key is not valid.' });
  });

  it('while the feed is fresh, serves a cached key without asking the registry, and keeps serving it while the registry is down', async () => {
    let now = 0;
    const registry = fakeRegistry();
    const auth = new ApiKeyAuthenticator(registry.lookup, { now: () => now, feed: { caughtUpAt: () => now - 200 } });
    await auth.authenticate('hk_a');
    registry.state.down = true;
    for (now = 1_000; now < 120_000; now += 10_000) await expect(auth.authenticate('hk_a')).resolves.toMatchObject({ keyId: 'key_1' });
    expect(registry.state.calls).toBe(1);
  });

  it('refuses a key the feed says was revoked, from memory, while the registry is down', async () => {
    let now = 0;
    const registry = fakeRegistry();
    const auth = new ApiKeyAuthenticator(registry.lookup, { now: () => now, feed: { caughtUpAt: () => now } });
    await auth.authenticate('hk_a');
    auth.applyChange({ credentialId: 'key_1', change: 'revoked' });
    registry.state.down = true;
    now = 60_000;
    await expect(auth.authenticate('hk_a')).rejects.toMatchObject({ kind: 'authentication', code: 'api_key_invalid' });
  });

  it('asks the registry again after any other change of a cached credential', async () => {
    const registry = fakeRegistry();
    const auth = new ApiKeyAuthenticator(registry.lookup, { now: () => 0, feed: { caughtUpAt: () => 0 } });
    await auth.authenticate('hk_a');
    auth.applyChange({ credentialId: 'key_1', change: 'changed' });
    registry.state.known.set('hk_a', { ...found, role: 'viewer' as never });
    await expect(auth.authenticate('hk_a')).resolves.toMatchObject({ role: 'viewer' });
    expect(registry.state.calls).toBe(2);
  });

  it('answers 503 with a Retry-After, not 401, for a key it has never seen while the registry is down', async () => {
    const registry = fakeRegistry();
    registry.state.down = true;
    const auth = new ApiKeyAuthenticator(registry.lookup, { feed: { caughtUpAt: () => Date.now() } });
    await expect(auth.authenticate('hk_never_seen')).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'authentication_unavailable',
      details: { retry_after_seconds: 2 },
    });
  });

  it('does not serve a cached key while both the registry and the feed are behind: a revocation may have been missed', async () => {
    let now = 0;
    let caughtUpAt = 0;
    const registry = fakeRegistry();
    const auth = new ApiKeyAuthenticator(registry.lookup, { now: () => now, feed: { caughtUpAt: () => caughtUpAt } });
    await auth.authenticate('hk_a'); // the registry answered at 0; the feed was at its end at 0
    now = 5_000; // the feed has not been at its end since: the cached answer may be stale
    registry.state.down = true;
    await expect(auth.authenticate('hk_a')).rejects.toMatchObject({ kind: 'unavailable' });
    caughtUpAt = 4_500; // the feed caught up after the registry's last answer: nothing was missed
    await expect(auth.authenticate('hk_a')).resolves.toMatchObject({ keyId: 'key_1' });
  });

  it('when the registry has only just gone away, waits for the feed to be seen at its end before serving a cached key', async () => {
    let now = 0;
    let caughtUpAt = 0;
    const registry = fakeRegistry();
    const auth = new ApiKeyAuthenticator(registry.lookup, {
      now: () => now,
      feed: {
        caughtUpAt: () => caughtUpAt,
        nextCheck: async () => {
          caughtUpAt = now; // the next check finds the feed at its end
        },
      },
    });
    await auth.authenticate('hk_a'); // the registry answered at 0
    now = 5_000;
    registry.state.down = true;
    await expect(auth.authenticate('hk_a')).resolves.toMatchObject({ keyId: 'key_1' });
  });

  it('a revocation applied while a lookup is under way is not undone by that lookup answering', async () => {
    const registry = fakeRegistry();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const auth = new ApiKeyAuthenticator(
      async (key) => {
        await gate;
        return registry.lookup(key);
      },
      { now: () => 0, feed: { caughtUpAt: () => 0 } },
    );
    const answering = auth.authenticate('hk_a'); // the registry read the key as valid...
    auth.applyChange({ credentialId: 'key_1', change: 'revoked' }); // ...and the revocation arrives first
    release();
    await answering;
    registry.state.revoked.add('hk_a');
    await expect(auth.authenticate('hk_a')).rejects.toMatchObject({ code: 'api_key_invalid' });
  });

  it('refuses a portal session once it has expired, without asking the registry', async () => {
    let now = 0;
    const registry = fakeRegistry();
    registry.state.known.set('hkps_s', {
      ...found,
      keyId: 'ps_1',
      portal: { features: [], branding: { productName: '', logoUrl: '', accentColor: '' }, expiresAt: new Date(10_000).toISOString() },
    } as never);
    const auth = new ApiKeyAuthenticator(registry.lookup, { now: () => now, feed: { caughtUpAt: () => now } });
    await expect(auth.authenticate('hkps_s')).resolves.toMatchObject({ keyId: 'ps_1' });
    now = 10_000;
    await expect(auth.authenticate('hkps_s')).rejects.toMatchObject({ kind: 'authentication' });
    expect(registry.state.calls).toBe(1);
  });

  it('keeps at most its configured number of credentials', async () => {
    const registry = fakeRegistry();
    for (let i = 0; i < 50; i++) registry.state.known.set(`hk_${i}`, { ...found, keyId: `key_${i}` });
    const auth = new ApiKeyAuthenticator(registry.lookup, { maxEntries: 10, feed: { caughtUpAt: () => Date.now() } });
    for (let i = 0; i < 50; i++) await auth.authenticate(`hk_${i}`);
    expect(auth.cachedEntries).toBe(10);
    // An evicted key is looked up again; a recent one is not.
    const calls = registry.state.calls;
    await auth.authenticate('hk_49');
    expect(registry.state.calls).toBe(calls);
    await auth.authenticate('hk_0');
    expect(registry.state.calls).toBe(calls + 1);
  });

  it('shares one registry call between concurrent requests with the same key', async () => {
    const registry = fakeRegistry();
    const auth = new ApiKeyAuthenticator(registry.lookup);
    await Promise.all([auth.authenticate('hk_a'), auth.authenticate('hk_a'), auth.authenticate('hk_a')]);
    expect(registry.state.calls).toBe(1);
  });

  it('answers an unknown and a revoked key with the same error', async () => {
    const registry = fakeRegistry();
    registry.state.revoked.add('hk_revoked');
    const auth = new ApiKeyAuthenticator(registry.lookup);
    const unknown = await auth.authenticate('hk_unknown').catch((error: Error) => error);
    const revoked = await auth.authenticate('hk_revoked').catch((error: Error) => error);
    expect(revoked).toEqual(unknown);
    expect(revoked).toMatchObject({ kind: 'authentication', code: 'api_key_invalid' });
  });

  it('refuses a key the registry describes without a known role', async () => {
    const auth = new ApiKeyAuthenticator(async () => ({ ...found, role: 'root' as never }));
    await expect(auth.authenticate('hk_a')).rejects.toMatchObject({ kind: 'authentication' });
  });
});
