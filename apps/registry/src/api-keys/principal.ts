import { AuthenticationError } from '@hookline/errors';
import type { RequestMeta } from '../common/scope';
import type { EntityManager } from '@hookline/db';
import { ApiKeyEntity } from '../db/entities/api-key';

/**
 * The principal a request acts for, read from the registry's own record of the key (never from
 * what the caller says about itself): four-eyes compares principals, not key owners.
 */
export async function principalOf(em: EntityManager, meta: RequestMeta): Promise<string> {
  if (meta.actor.kind !== 'api_key') return meta.actor.kind;
  const key = await em.findOne(ApiKeyEntity, { id: meta.actor.keyId, org_id: meta.actor.orgId, status: 'active' });
  if (!key) throw new AuthenticationError('the API key is not valid', { code: 'api_key_invalid' });
  return key.principal;
}
