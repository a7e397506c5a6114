// The envelope and the master keys live in @hookline/secrets (the gateway seals its idempotency records with them too).
export { createSecretBox, MasterKeyMismatchError, resolveMasterKeys, type SecretBox } from '@hookline/secrets';
