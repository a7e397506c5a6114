// @hookline/secrets: the AES-256-GCM envelope (versioned master key) every service uses for
// secret material at rest. Pure: node:crypto only, no I/O, no config.
export { createSecretBox, MasterKeyMismatchError, type SecretBox } from './secret-box';
export { resolveMasterKey } from './master-key';
