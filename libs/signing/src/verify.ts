import { verifyAsymmetric } from './asymmetric';
import { verifyHmac } from './hmac';
import { invalidKey } from './key-encoding';
import { importPublicKey } from './key-pair';
import { SIGNATURE_VERSIONS, type SignatureScheme } from './scheme';
import { decodeSigningSecret } from './secret';
import { signedContent, type WebhookBody } from './signed-content';

export interface VerificationInput {
  scheme: SignatureScheme;
  /** `whsec_…` for hmac-sha256, `whpk_…` for ed25519, an SPKI PEM for ecdsa-p256. */
  key: string;
  msgId: string;
  timestamp: number;
  body: WebhookBody;
  /** The `webhook-signature` header value: one token or a space-separated list. */
  signature: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * True when any token of the scheme's version in `signature` was made with `key` over exactly
 * this message. Tokens of other versions are ignored, as Standard Webhooks requires.
 * It does not judge the timestamp: a receiver must also reject stale ones (replay protection).
 */
export function verifySignature(input: VerificationInput): boolean {
  const check = signatureCheck(input.scheme, input.key);
  const content = signedContent(input.msgId, input.timestamp, input.body);
  const version = SIGNATURE_VERSIONS[input.scheme];
  return input.signature.split(' ').some((token) => {
    const comma = token.indexOf(',');
    if (comma < 0 || token.slice(0, comma) !== version) return false;
    const encoded = token.slice(comma + 1);
    return BASE64.test(encoded) && check(content, Buffer.from(encoded, 'base64'));
  });
}

function signatureCheck(scheme: SignatureScheme, key: string): (content: Buffer, signature: Buffer) => boolean {
  switch (scheme) {
    case 'hmac-sha256': {
      const secret = decodeSigningSecret(key);
      return (content, signature) => verifyHmac(secret, content, signature);
    }
    case 'ed25519':
    case 'ecdsa-p256': {
      const publicKey = importPublicKey(scheme, key);
      return (content, signature) => verifyAsymmetric(scheme, publicKey, content, signature);
    }
    default:
      throw invalidKey(`unknown signature scheme "${String(scheme)}"`);
  }
}
