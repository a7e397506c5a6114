import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import {
  decodePrefixedKey,
  encodePrefixedKey,
  invalidKey,
  PRIVATE_KEY_PREFIX,
  PUBLIC_KEY_PREFIX,
} from './key-encoding';
import type { AsymmetricScheme } from './scheme';

/**
 * Serialized keys of an asymmetric scheme.
 * - `ed25519`: `publicKey` is `whpk_` + base64 of the 32-byte raw public key; `privateKey` is
 *   `whsk_` + base64 of the 32-byte RFC 8032 seed. (A 64-byte seed || public key, the
 *   libsodium layout, is accepted on import too.)
 * - `ecdsa-p256`: `publicKey` is an SPKI PEM, `privateKey` a PKCS #8 PEM.
 */
export interface KeyPair {
  publicKey: string;
  privateKey: string;
}

const ED25519_KEY_BYTES = 32;
// DER headers that wrap a raw Ed25519 seed (PKCS #8) or public key (SPKI), RFC 8410.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function generateKeyPair(scheme: AsymmetricScheme): KeyPair {
  switch (scheme) {
    case 'ed25519': {
      const { privateKey } = generateKeyPairSync('ed25519');
      return { publicKey: ed25519PublicKeyString(privateKey), privateKey: ed25519PrivateKeyString(privateKey) };
    }
    case 'ecdsa-p256':
      return generateKeyPairSync('ec', {
        namedCurve: 'P-256',
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      });
    default:
      throw invalidKey(`no key pair for signature scheme "${String(scheme)}"`);
  }
}

/** The public key to show on the webhook, derived from its stored private key. */
export function publicKeyFor(scheme: AsymmetricScheme, privateKey: string): string {
  const key = importPrivateKey(scheme, privateKey);
  return scheme === 'ed25519'
    ? ed25519PublicKeyString(key)
    : createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
}

export function importPrivateKey(scheme: AsymmetricScheme, privateKey: string): KeyObject {
  if (scheme === 'ed25519') return importEd25519PrivateKey(privateKey);
  if (typeof privateKey !== 'string' || !privateKey.includes('-----BEGIN PRIVATE KEY-----')) {
    throw invalidKey('ecdsa-p256 private key must be a PKCS #8 PEM');
  }
  return assertP256(parse(() => createPrivateKey(privateKey), 'ecdsa-p256 private key'), 'private key');
}

export function importPublicKey(scheme: AsymmetricScheme, publicKey: string): KeyObject {
  if (scheme === 'ed25519') {
    const raw = decodePrefixedKey(publicKey, PUBLIC_KEY_PREFIX, 'ed25519 public key');
    if (raw.length !== ED25519_KEY_BYTES) throw invalidKey('ed25519 public key must hold 32 bytes');
    return parse(
      () => createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' }),
      'ed25519 public key',
    );
  }
  // Only an SPKI PEM: createPublicKey would also accept a private key, which must never be
  // pasted where public keys go.
  if (typeof publicKey !== 'string' || !publicKey.includes('-----BEGIN PUBLIC KEY-----')) {
    throw invalidKey('ecdsa-p256 public key must be an SPKI PEM');
  }
  return assertP256(parse(() => createPublicKey(publicKey), 'ecdsa-p256 public key'), 'public key');
}

function importEd25519PrivateKey(privateKey: string): KeyObject {
  const raw = decodePrefixedKey(privateKey, PRIVATE_KEY_PREFIX, 'ed25519 private key');
  if (raw.length !== ED25519_KEY_BYTES && raw.length !== 2 * ED25519_KEY_BYTES) {
    throw invalidKey('ed25519 private key must hold a 32-byte seed (or 64 bytes: seed and public key)');
  }
  const seed = raw.subarray(0, ED25519_KEY_BYTES);
  const key = parse(
    () => createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' }),
    'ed25519 private key',
  );
  if (raw.length > ED25519_KEY_BYTES && !ed25519RawPublicKey(key).equals(raw.subarray(ED25519_KEY_BYTES))) {
    throw invalidKey('ed25519 private key holds a public key that does not match its seed');
  }
  return key;
}

function ed25519PrivateKeyString(key: KeyObject): string {
  const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
  return encodePrefixedKey(PRIVATE_KEY_PREFIX, pkcs8.subarray(ED25519_PKCS8_PREFIX.length));
}

function ed25519PublicKeyString(key: KeyObject): string {
  return encodePrefixedKey(PUBLIC_KEY_PREFIX, ed25519RawPublicKey(key));
}

function ed25519RawPublicKey(key: KeyObject): Buffer {
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  return spki.subarray(ED25519_SPKI_PREFIX.length);
}

function assertP256(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw invalidKey(`ecdsa-p256 ${what} must be on curve P-256`);
  }
  return key;
}

function parse(importKey: () => KeyObject, what: string): KeyObject {
  try {
    return importKey();
  } catch (cause) {
    throw invalidKey(`${what} could not be read`, cause);
  }
}
