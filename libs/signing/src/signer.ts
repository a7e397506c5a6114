import { asymmetricSignature } from './asymmetric';
import { hmacSignature } from './hmac';
import { invalidKey } from './key-encoding';
import { importPrivateKey } from './key-pair';
import { SIGNATURE_VERSIONS, type SignatureScheme } from './scheme';
import { decodeSigningSecret } from './secret';
import { signedParts, type WebhookBody } from './signed-content';

/** Returns the `webhook-signature` header value for one message. */
export type MessageSigner = (msgId: string, timestamp: number, body: WebhookBody) => string;

export interface SignatureInput {
  scheme: SignatureScheme;
  /** `whsec_…` for hmac-sha256, `whsk_…` for ed25519, a PKCS #8 PEM for ecdsa-p256. */
  key: string;
  msgId: string;
  /** Unix seconds, as sent in `webhook-timestamp`. */
  timestamp: number;
  body: WebhookBody;
}

export interface SignatureHeaderInput extends Omit<SignatureInput, 'key'> {
  /** Every key still valid, current first: one token each, in this order. */
  keys: readonly string[];
}

/** Signs `{msgId}.{timestamp}.` followed by the body. */
type TokenSigner = (prefix: Buffer, body: Uint8Array) => string;

/**
 * Decodes the keys once and returns a function that signs messages with all of them: build it
 * when a webhook's keys are loaded, call it per delivery attempt.
 * Throws `InputError` (`invalid_signing_key`) when a key is malformed or `keys` is empty.
 */
export function createSigner(scheme: SignatureScheme, keys: readonly string[]): MessageSigner {
  if (keys.length === 0) throw invalidKey('at least one signing key is required');
  const signers = keys.map((key) => tokenSigner(scheme, key));
  return (msgId, timestamp, body) => {
    const { prefix, bytes } = signedParts(msgId, timestamp, body);
    return signers.map((sign) => sign(prefix, bytes)).join(' ');
  };
}

/** One signature token, e.g. `v1,<base64>`. Decodes the key on every call: prefer createSigner. */
export function signatureFor(input: SignatureInput): string {
  return createSigner(input.scheme, [input.key])(input.msgId, input.timestamp, input.body);
}

/** The space-separated `webhook-signature` value. Decodes the keys on every call: prefer createSigner. */
export function signatureHeader(input: SignatureHeaderInput): string {
  return createSigner(input.scheme, input.keys)(input.msgId, input.timestamp, input.body);
}

function tokenSigner(scheme: SignatureScheme, key: string): TokenSigner {
  const version = SIGNATURE_VERSIONS[scheme];
  switch (scheme) {
    case 'hmac-sha256': {
      const secret = decodeSigningSecret(key);
      // Fed in parts: a 256 KiB body is hashed where it is, not copied behind the prefix first.
      return (prefix, body) => `${version},${hmacSignature(secret, prefix, body)}`;
    }
    case 'ed25519':
    case 'ecdsa-p256': {
      const privateKey = importPrivateKey(scheme, key);
      // Ed25519 signs a message in one piece.
      return (prefix, body) => `${version},${asymmetricSignature(scheme, privateKey, Buffer.concat([prefix, body]))}`;
    }
    default:
      throw invalidKey(`unknown signature scheme "${String(scheme)}"`);
  }
}
