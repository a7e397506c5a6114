// @hookline/signing: Standard Webhooks signatures (v1 HMAC-SHA256, v1a Ed25519) plus Hookline's
// v1e ECDSA P-256. Pure: no I/O, no clock, no config. See ../README.md and ../test-vectors.json.
export {
  SIGNATURE_SCHEMES,
  SIGNATURE_VERSIONS,
  isSignatureScheme,
  type AsymmetricScheme,
  type SignatureScheme,
  type SignatureVersion,
} from './scheme';
export { generateSigningSecret } from './secret';
export { generateKeyPair, publicKeyFor, type KeyPair } from './key-pair';
export type { WebhookBody } from './signed-content';
export {
  createSigner,
  signatureFor,
  signatureHeader,
  type MessageSigner,
  type SignatureHeaderInput,
  type SignatureInput,
} from './signer';
export { verifySignature, type VerificationInput } from './verify';
export {
  WEBHOOK_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  webhookHeaders,
  type WebhookHeaders,
  type WebhookHeadersInput,
} from './headers';
