import { KeyObject, sign, verify } from 'node:crypto';
import type { AsymmetricScheme } from './scheme';

// Both schemes produce 64-byte signatures: Ed25519 natively, ECDSA P-256 as IEEE P1363 r||s
// (32 + 32 bytes) rather than variable-length DER, so receivers need no ASN.1 parsing.
const SIGNATURE_BYTES = 64;

function signingOptions(scheme: AsymmetricScheme, key: KeyObject) {
  return scheme === 'ed25519'
    ? { algorithm: null, key }
    : { algorithm: 'sha256', key: { key, dsaEncoding: 'ieee-p1363' as const } };
}

/** Signature of the signed content, base64: the part after `v1a,` or `v1e,`. */
export function asymmetricSignature(scheme: AsymmetricScheme, privateKey: KeyObject, content: Buffer): string {
  const { algorithm, key } = signingOptions(scheme, privateKey);
  return sign(algorithm, content, key).toString('base64');
}

export function verifyAsymmetric(
  scheme: AsymmetricScheme,
  publicKey: KeyObject,
  content: Buffer,
  signature: Buffer,
): boolean {
  if (signature.length !== SIGNATURE_BYTES) return false;
  const { algorithm, key } = signingOptions(scheme, publicKey);
  return verify(algorithm, content, key, signature);
}
