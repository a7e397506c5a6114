import { generateKeyPairSync } from 'node:crypto';
import { InputError } from '@hookline/errors';
import { asymmetricSignature } from './asymmetric';
import { generateKeyPair, importPrivateKey, importPublicKey, publicKeyFor } from './key-pair';

// RFC 8032 section 7.1, TEST 1: a published key, message and signature.
const RFC8032_SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const RFC8032_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const RFC8032_EMPTY_MESSAGE_SIGNATURE =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155' +
  '5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';
const whsk = (hex: string) => `whsk_${Buffer.from(hex, 'hex').toString('base64')}`;
const whpk = (hex: string) => `whpk_${Buffer.from(hex, 'hex').toString('base64')}`;

describe('generateKeyPair', () => {
  it('ed25519: whpk_ + 32-byte public key, whsk_ + 32-byte seed, and they belong together', () => {
    const { publicKey, privateKey } = generateKeyPair('ed25519');
    expect(publicKey).toMatch(/^whpk_[A-Za-z0-9+/]{43}=$/);
    expect(privateKey).toMatch(/^whsk_[A-Za-z0-9+/]{43}=$/);
    expect(publicKeyFor('ed25519', privateKey)).toBe(publicKey);
  });

  it('ecdsa-p256: SPKI PEM public key and PKCS #8 PEM private key on P-256', () => {
    const { publicKey, privateKey } = generateKeyPair('ecdsa-p256');
    expect(publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
    expect(privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
    expect(importPublicKey('ecdsa-p256', publicKey).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(publicKeyFor('ecdsa-p256', privateKey)).toBe(publicKey);
  });

  it('rejects a scheme without key pairs', () => {
    expect(() => generateKeyPair('hmac-sha256' as never)).toThrow(InputError);
  });
});

describe('ed25519 key import', () => {
  it('reads a whsk_ seed as RFC 8032 does: same public key, same signature', () => {
    const privateKey = importPrivateKey('ed25519', whsk(RFC8032_SEED));
    expect(publicKeyFor('ed25519', whsk(RFC8032_SEED))).toBe(whpk(RFC8032_PUBLIC));
    expect(Buffer.from(asymmetricSignature('ed25519', privateKey, Buffer.alloc(0)), 'base64').toString('hex')).toBe(
      RFC8032_EMPTY_MESSAGE_SIGNATURE,
    );
  });

  it('accepts the 64-byte seed || public key layout, and refuses one whose halves disagree', () => {
    expect(publicKeyFor('ed25519', whsk(RFC8032_SEED + RFC8032_PUBLIC))).toBe(whpk(RFC8032_PUBLIC));
    expect(() => importPrivateKey('ed25519', whsk(RFC8032_SEED + RFC8032_SEED))).toThrow(/does not match/);
  });

  it.each([
    ['a public key as private key', () => importPrivateKey('ed25519', whpk(RFC8032_PUBLIC))],
    ['a 31-byte seed', () => importPrivateKey('ed25519', whsk(RFC8032_SEED.slice(2)))],
    ['a private key as public key', () => importPublicKey('ed25519', whsk(RFC8032_SEED))],
    ['a 33-byte public key', () => importPublicKey('ed25519', whpk(`${RFC8032_PUBLIC}00`))],
  ])('rejects %s', (_case, importKey) => {
    expect(importKey).toThrow(expect.objectContaining({ code: 'invalid_signing_key' }));
  });
});

describe('ecdsa-p256 key import', () => {
  const p384 = generateKeyPairSync('ec', {
    namedCurve: 'P-384',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

  it('refuses keys on another curve', () => {
    expect(() => importPrivateKey('ecdsa-p256', p384.privateKey)).toThrow(/P-256/);
    expect(() => importPublicKey('ecdsa-p256', p384.publicKey)).toThrow(/P-256/);
  });

  it('refuses a private key where a public key belongs', () => {
    const { privateKey } = generateKeyPair('ecdsa-p256');
    expect(() => importPublicKey('ecdsa-p256', privateKey)).toThrow(/SPKI PEM/);
  });

  it('refuses a truncated PEM', () => {
    const { privateKey } = generateKeyPair('ecdsa-p256');
    expect(() => importPrivateKey('ecdsa-p256', privateKey.slice(0, 80))).toThrow(InputError);
  });
});
