import { createPublicKey, verify } from 'node:crypto';
import { generateKeyPair } from './key-pair';
import { generateSigningSecret } from './secret';
import { createSigner, signatureFor } from './signer';
import { verifySignature } from './verify';

const message = { msgId: 'del_2xK9mQ4vT7bL1nR8', timestamp: 1767277802, body: '{"type":"transfer.completed"}' };
const content = (body = message.body) => Buffer.from(`${message.msgId}.${message.timestamp}.${body}`);
const signatureBytes = (token: string) => Buffer.from(token.slice(token.indexOf(',') + 1), 'base64');

describe('a receiver holding only the public key string, with plain node:crypto', () => {
  it('verifies ed25519 (v1a) from the whpk_ key, and fails on a tampered body', () => {
    const { publicKey, privateKey } = generateKeyPair('ed25519');
    const token = signatureFor({ scheme: 'ed25519', key: privateKey, ...message });
    const raw = Buffer.from(publicKey.slice('whpk_'.length), 'base64');
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });

    expect(token.startsWith('v1a,')).toBe(true);
    expect(verify(null, content(), key, signatureBytes(token))).toBe(true);
    expect(verify(null, content('{"type":"transfer.failed"}'), key, signatureBytes(token))).toBe(false);
  });

  it('verifies ecdsa-p256 (v1e, 64-byte IEEE P1363) from the SPKI PEM, and fails on a tampered body', () => {
    const { publicKey, privateKey } = generateKeyPair('ecdsa-p256');
    const token = signatureFor({ scheme: 'ecdsa-p256', key: privateKey, ...message });
    const key = { key: createPublicKey(publicKey), dsaEncoding: 'ieee-p1363' as const };

    expect(token.startsWith('v1e,')).toBe(true);
    expect(signatureBytes(token)).toHaveLength(64);
    expect(verify('sha256', content(), key, signatureBytes(token))).toBe(true);
    expect(verify('sha256', content('{"type":"transfer.failed"}'), key, signatureBytes(token))).toBe(false);
  });
});

describe('verifySignature', () => {
  const sharedSecret = () => {
    const secret = generateSigningSecret();
    return { publicKey: secret, privateKey: secret };
  };
  const schemes = [
    ['hmac-sha256', sharedSecret],
    ['ed25519', () => generateKeyPair('ed25519')],
    ['ecdsa-p256', () => generateKeyPair('ecdsa-p256')],
  ] as const;

  describe.each(schemes)('%s', (scheme, newKeys) => {
    const current = newKeys();
    const old = newKeys();
    const signature = createSigner(scheme, [current.privateKey, old.privateKey])(
      message.msgId,
      message.timestamp,
      message.body,
    );
    const verifies = (changes: Partial<typeof message & { key: string; signature: string }>) =>
      verifySignature({ scheme, key: current.publicKey, ...message, signature, ...changes });

    it('accepts the header with either key of a rotation', () => {
      expect(verifies({})).toBe(true);
      expect(verifies({ key: old.publicKey })).toBe(true);
    });

    it('rejects a changed body, message id or timestamp', () => {
      expect(verifies({ body: `${message.body} ` })).toBe(false);
      expect(verifies({ msgId: 'del_other' })).toBe(false);
      expect(verifies({ timestamp: message.timestamp + 1 })).toBe(false);
    });

    it('rejects a key that did not sign', () => {
      expect(verifies({ key: newKeys().publicKey })).toBe(false);
    });

    it('ignores tokens of other versions and malformed tokens', () => {
      const [first] = signature.split(' ');
      expect(verifies({ signature: first.replace(/^v1[ae]?,/, 'v2,') })).toBe(false);
      expect(verifies({ signature: `garbage v1,%% ${first}` })).toBe(true);
      expect(verifies({ signature: '' })).toBe(false);
    });
  });
});
