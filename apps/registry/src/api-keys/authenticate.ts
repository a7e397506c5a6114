import { timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from '@hookline/errors';
import type { RegistryDeps } from '../common/deps';
import type { ApiKeyRow } from './api-keys';
import { hashApiKey, isWellFormedApiKey } from './key-format';

export interface AuthenticatedKey {
  apiKey: ApiKeyRow;
  orgName: string;
}

/**
 * Bearer key -> its row. Looked up by SHA-256 (the hash is the index key, so no timing leak).
 * Plain SQL: every gateway request that is not cached comes here, and one indexed join reads the
 * key and its org's name in a single statement without touching an identity map.
 */
export async function authenticateApiKey(deps: RegistryDeps, key: string): Promise<AuthenticatedKey> {
  if (!isWellFormedApiKey(key)) throw new AuthenticationError('the API key is not valid', { code: 'api_key_invalid' });
  const hash = hashApiKey(key);
  const { rows } = await deps.db.pool.query<ApiKeyRow & { key_hash: Buffer; org_name: string }>(
    `select k.id, k.org_id, k.name, k.role, k.owner, k.prefix, k.created_by, k.created_at, k.revoked_at, k.principal, k.status, k.key_hash,
            o.name as org_name
       from api_key k join organization o on o.id = k.org_id where k.key_hash = $1`,
    [hash],
  );
  const row = rows[0];
  if (!row || !timingSafeEqual(row.key_hash, hash)) throw new AuthenticationError('the API key is not valid', { code: 'api_key_invalid' });
  // A key awaiting approval (or whose creation was refused) is not a key yet.
  if (row.status !== 'active') throw new AuthenticationError('the API key is not valid', { code: 'api_key_invalid' });
  if (row.revoked_at) throw new AuthenticationError('the API key has been revoked', { code: 'api_key_revoked' });
  const { key_hash: _hash, org_name: orgName, ...apiKey } = row;
  return { apiKey, orgName };
}
