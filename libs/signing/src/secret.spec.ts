import { InputError } from '@hookline/errors';
import { decodeSigningSecret, generateSigningSecret } from './secret';

describe('generateSigningSecret', () => {
  it('returns whsec_ followed by base64 of 32 random bytes', () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(decodeSigningSecret(secret)).toHaveLength(32);
  });

  it('never repeats', () => {
    expect(generateSigningSecret()).not.toBe(generateSigningSecret());
  });
});

describe('decodeSigningSecret', () => {
  it('accepts the 24-byte secrets of the Standard Webhooks examples', () => {
    expect(decodeSigningSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toHaveLength(24);
  });

  it.each([
    ['no prefix', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    ['another prefix', 'whsk_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    ['nothing after the prefix', 'whsec_'],
    ['characters outside base64', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa!w'],
    ['fewer than 24 bytes', 'whsec_c2hvcnQ='],
    ['more than 64 bytes', `whsec_${Buffer.alloc(65, 1).toString('base64')}`],
  ])('rejects %s with invalid_signing_key', (_case, secret) => {
    expect(() => decodeSigningSecret(secret)).toThrow(InputError);
    expect(() => decodeSigningSecret(secret)).toThrow(expect.objectContaining({ code: 'invalid_signing_key' }));
  });
});
