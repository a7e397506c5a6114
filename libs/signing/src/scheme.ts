/**
 * The signature schemes a webhook can use, as stored in `signature_scheme`.
 * `hmac-sha256` and `ed25519` are the two Standard Webhooks schemes; `ecdsa-p256` is a Hookline
 * extension for receivers whose crypto stack (e.g. an HSM or a cloud KMS) has no Ed25519.
 */
export const SIGNATURE_SCHEMES = ['hmac-sha256', 'ed25519', 'ecdsa-p256'] as const;

export type SignatureScheme = (typeof SIGNATURE_SCHEMES)[number];

export type AsymmetricScheme = Exclude<SignatureScheme, 'hmac-sha256'>;

/** The version identifier written before the comma of each token in `webhook-signature`. */
export const SIGNATURE_VERSIONS = {
  'hmac-sha256': 'v1',
  ed25519: 'v1a',
  'ecdsa-p256': 'v1e',
} as const satisfies Record<SignatureScheme, string>;

export type SignatureVersion = (typeof SIGNATURE_VERSIONS)[SignatureScheme];

export function isSignatureScheme(value: unknown): value is SignatureScheme {
  return (SIGNATURE_SCHEMES as readonly unknown[]).includes(value);
}
