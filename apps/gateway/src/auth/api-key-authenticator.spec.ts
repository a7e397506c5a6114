import { AuthenticationError } from '@hookline/errors';
import { ApiKeyAuthenticator } from './api-key-authenticator';

const found = { keyId: 'key_1', owner: 'alice', role: 'admin' as const, orgId: 'org_1' };

describe('ApiKeyAuthenticator', () => {
  it('reuses an answer for at most a second, so a revocation bites within 1 s', async () => {
    let now = 0;
    let calls = 0;
    let revoked = false;
    const auth = new ApiKeyAuthenticator(
      async () => {
        calls++;
        if (revoked) throw new AuthenticationError('revoked', { code: 'api_key_revoked' });
        return found;
      },
      { cacheMs: 5_000, now: () => now },
    );
    await expect(auth.authenticate('hk_a')).resolves.toMatchObject({ kind: 'api_key', keyId: 'key_1' });
    now = 999;
    await auth.authenticate('hk_a');
    expect(calls).toBe(1);
    revoked = true;
    now = 1_000;
    await expect(auth.authenticate('hk_a')).rejects.toMatchObject({ code: 'api_key_invalid', message: 'The API key is not valid.' });
  });

  it('shares one registry call between concurrent requests with the same key', async () => {
    let calls = 0;
    const auth = new ApiKeyAuthenticator(async () => {
      calls++;
      return found;
    });
    await Promise.all([auth.authenticate('hk_a'), auth.authenticate('hk_a'), auth.authenticate('hk_a')]);
    expect(calls).toBe(1);
  });

  it('answers an unknown and a revoked key with the same error', async () => {
    const auth = new ApiKeyAuthenticator(async (key) => {
      if (key === 'hk_revoked') throw new AuthenticationError('the API key has been revoked', { code: 'api_key_revoked' });
      throw new AuthenticationError('the API key is not valid', { code: 'api_key_invalid' });
    });
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
