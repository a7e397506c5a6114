// The envelope lives in @hookline/secrets (the gateway seals its idempotency records with it too).
export { createSecretBox, MasterKeyMismatchError, type SecretBox } from '@hookline/secrets';
