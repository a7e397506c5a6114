// @hookline/secrets: the AES-256-GCM envelope (versioned, rotatable master key) every service uses
// for secret material at rest, and where the master key comes from.
export { createSecretBox, masterKeyId, MasterKeyMismatchError, type SecretBox, type SecretBoxOptions } from './secret-box';
export { localMasterKey, MasterKeyMissingError, resolveMasterKeys, type MasterKeys, type MasterKeySettings } from './master-key';
