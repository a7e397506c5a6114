import { createHmac, createPublicKey, timingSafeEqual, verify as verifyAsymmetric, type KeyObject } from 'node:crypto';

/** Checks one `webhook-signature` token's signature bytes against the signed content. */
export interface VerificationKey {
  /** The token version this key verifies: `v1`, `v1a` or `v1e`. */
  version: 'v1' | 'v1a' | 'v1e';
  matches(content: Buffer, signature: Buffer): boolean;
}

export class InvalidVerificationKeyError extends TypeError {
  override readonly name = 'InvalidVerificationKeyError';
}

// DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the 32-byte key follows it.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * A key as the API hands it out: `whsec_…` (the `hmac-sha256` signing secret), `whpk_…` (an
 * `ed25519` webhook's `public_key`) or an SPKI PEM (an `ecdsa-p256` webhook's `public_key`; an
 * Ed25519 PEM works too).
 */
export function verificationKey(text: string): VerificationKey {
  const key = text.trim();
  if (key.startsWith('whsec_')) return hmacKey(decodeBase64(key.slice('whsec_'.length), 'whsec_'));
  if (key.startsWith('whpk_')) {
    const raw = decodeBase64(key.slice('whpk_'.length), 'whpk_');
    if (raw.length !== 32) throw new InvalidVerificationKeyError(`a whpk_ key holds 32 bytes, not ${raw.length}`);
    return ed25519Key(createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' }));
  }
  if (key.startsWith('-----BEGIN PUBLIC KEY-----')) {
    let publicKey: KeyObject;
    try {
      publicKey = createPublicKey(key);
    } catch {
      throw new InvalidVerificationKeyError('the PEM is not a readable public key');
    }
    if (publicKey.asymmetricKeyType === 'ed25519') return ed25519Key(publicKey);
    if (publicKey.asymmetricKeyType === 'ec' && publicKey.asymmetricKeyDetails?.namedCurve === 'prime256v1') return ecdsaP256Key(publicKey);
    throw new InvalidVerificationKeyError('the PEM is neither an ECDSA P-256 nor an Ed25519 public key');
  }
  throw new InvalidVerificationKeyError('expected a whsec_ secret, a whpk_ public key or a PEM public key');
}

function decodeBase64(text: string, prefix: string): Buffer {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) throw new InvalidVerificationKeyError(`the text after ${prefix} is not base64`);
  return Buffer.from(text, 'base64');
}

function hmacKey(secret: Buffer): VerificationKey {
  return {
    version: 'v1',
    matches: (content, signature) => {
      const expected = createHmac('sha256', secret).update(content).digest();
      return signature.length === expected.length && timingSafeEqual(signature, expected);
    },
  };
}

function ed25519Key(publicKey: KeyObject): VerificationKey {
  return { version: 'v1a', matches: (content, signature) => signature.length === 64 && verifyAsymmetric(null, content, publicKey, signature) };
}

function ecdsaP256Key(publicKey: KeyObject): VerificationKey {
  // Signatures are IEEE P1363 (r‖s, 64 bytes), not DER.
  return {
    version: 'v1e',
    matches: (content, signature) => signature.length === 64 && verifyAsymmetric('sha256', content, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature),
  };
}
