import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** Raised when stored ciphertext cannot be opened: wrong master key or tampered data. Fails closed. */
export class MasterKeyMismatchError extends Error {
  constructor(keyId: string, cause?: unknown) {
    super(
      `cannot decrypt stored secrets with key "${keyId}": HOOKLINE_MASTER_KEY is not the key they were encrypted with (or the data was altered)`,
      { cause },
    );
    this.name = 'MasterKeyMismatchError';
  }
}

/**
 * AES-256-GCM envelope for secrets, private keys and endpoint credentials at rest. Sealed form:
 * `<key id>:<base64(iv ‖ tag ‖ ciphertext)>`; the key id names the master key generation so
 * values can be re-encrypted under a new key later. The key id is bound as associated data.
 */
export interface SecretBox {
  readonly keyId: string;
  seal(plaintext: string): string;
  open(sealed: string): string;
  /** Keyed digest (HMAC-SHA256, hex) for binding approvals to a change without storing it in clear. */
  fingerprint(data: string): string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * `purpose` separates what each service seals (`registry`, `gateway idempotency`): the same master
 * key yields unrelated sub-keys, so one service's ciphertext never opens as another's.
 */
export function createSecretBox(masterKey: Buffer, keyId = 'v1', purpose = 'registry'): SecretBox {
  if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
  // Separate sub-keys for encryption and fingerprints, both derived from the master key.
  const encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `hookline ${purpose} encryption`, 32));
  const macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `hookline ${purpose} fingerprint`, 32));
  const aad = Buffer.from(keyId);
  return {
    keyId,
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      cipher.setAAD(aad);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${keyId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed) {
      const colon = sealed.indexOf(':');
      const id = colon > 0 ? sealed.slice(0, colon) : '';
      if (id !== keyId) throw new MasterKeyMismatchError(id || '(none)');
      const raw = Buffer.from(sealed.slice(colon + 1), 'base64');
      try {
        const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, IV_BYTES));
        decipher.setAAD(aad);
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch (error) {
        throw new MasterKeyMismatchError(keyId, error);
      }
    },
    fingerprint(data) {
      return createHmac('sha256', macKey).update(data).digest('hex');
    },
  };
}
