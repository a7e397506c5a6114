import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

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
 * `<key id>:<base64(iv ‖ tag ‖ ciphertext)>`; the key id names the master key that sealed it
 * (a digest of the key, so it tells nothing about it), which lets a rotation find what is still
 * sealed under a previous key. The key id is bound as associated data.
 */
export interface SecretBox {
  /** The id of the current master key: everything is sealed under it. */
  readonly keyId: string;
  seal(plaintext: string): string;
  /** Opens a value sealed under the current key or one of the previous keys the box was given. */
  open(sealed: string): string;
  /** True when `sealed` is under the current key (nothing to re-encrypt). */
  isCurrent(sealed: string): boolean;
  /** Keyed digest (HMAC-SHA256, hex) under the current key, for binding approvals to a change without storing it in clear. */
  fingerprint(data: string): string;
  /** The fingerprint under every key the box holds, current first: a value kept across a rotation still matches. */
  fingerprints(data: string): string[];
}

/** Sealed values written before key ids were digests carry this id; they are tried under every key. */
const LEGACY_KEY_ID = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

interface KeyGeneration {
  id: string;
  encKey: Buffer;
  macKey: Buffer;
}

/** The public id of a master key: a short digest, so a sealed value names its key without revealing it. */
export function masterKeyId(masterKey: Buffer): string {
  return `k${createHash('sha256').update('hookline master key id').update(masterKey).digest('hex').slice(0, 12)}`;
}

function generation(masterKey: Buffer, purpose: string): KeyGeneration {
  if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
  // Separate sub-keys for encryption and fingerprints, both derived from the master key.
  return {
    id: masterKeyId(masterKey),
    encKey: Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `hookline ${purpose} encryption`, 32)),
    macKey: Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `hookline ${purpose} fingerprint`, 32)),
  };
}

function openWith(key: KeyGeneration, id: string, raw: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key.encKey, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(id));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}

export interface SecretBoxOptions {
  /**
   * Separates what each service seals (`registry`, `gateway idempotency`): the same master key
   * yields unrelated sub-keys, so one service's ciphertext never opens as another's.
   */
  purpose?: string;
  /** Master keys being rotated away from: values under them still open, and are re-sealed under the current one. */
  previous?: Buffer[];
}

export function createSecretBox(masterKey: Buffer, options: SecretBoxOptions = {}): SecretBox {
  const purpose = options.purpose ?? 'registry';
  const current = generation(masterKey, purpose);
  const ring = [current, ...(options.previous ?? []).map((key) => generation(key, purpose))];
  const idOf = (sealed: string) => {
    const colon = sealed.indexOf(':');
    return colon > 0 ? sealed.slice(0, colon) : '';
  };
  return {
    keyId: current.id,
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current.encKey, iv);
      cipher.setAAD(Buffer.from(current.id));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${current.id}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed) {
      const id = idOf(sealed);
      const candidates = id === LEGACY_KEY_ID ? ring : ring.filter((key) => key.id === id);
      if (candidates.length === 0) throw new MasterKeyMismatchError(id || '(none)');
      const raw = Buffer.from(sealed.slice(id.length + 1), 'base64');
      let failure: unknown;
      for (const key of candidates) {
        try {
          return openWith(key, id, raw);
        } catch (error) {
          failure = error;
        }
      }
      throw new MasterKeyMismatchError(id, failure);
    },
    isCurrent(sealed) {
      return idOf(sealed) === current.id;
    },
    fingerprint(data) {
      return createHmac('sha256', current.macKey).update(data).digest('hex');
    },
    fingerprints(data) {
      return ring.map((key) => createHmac('sha256', key.macKey).update(data).digest('hex'));
    },
  };
}
