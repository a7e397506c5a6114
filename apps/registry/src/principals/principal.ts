import { AuthenticationError } from '@hookline/errors';
import type { RequestMeta } from '../common/scope';
import type { EntityManager } from '@hookline/db';
import { ApiKeyEntity } from '../db/entities/api-key';
import { PortalSessionEntity } from '../db/entities/portal-session';

/**
 * The principal a request acts for, read from the registry's own record of the key (never from
 * what the caller says about itself): four-eyes compares principals, not key owners.
 */
export async function principalOf(em: EntityManager, meta: RequestMeta): Promise<string> {
  if (meta.actor.kind !== 'api_key') return meta.actor.kind;
  if (meta.actor.keyId.startsWith('ps_')) {
    // A portal session acts for the principal it was issued to (see createPortalSession).
    const session = await em.findOne(PortalSessionEntity, { id: meta.actor.keyId, org_id: meta.actor.orgId, revoked_at: null });
    if (!session) throw new AuthenticationError('the portal session is not valid', { code: 'portal_session_invalid' });
    return session.owner;
  }
  const key = await em.findOne(ApiKeyEntity, { id: meta.actor.keyId, org_id: meta.actor.orgId, status: 'active' });
  if (!key) throw new AuthenticationError('the API key is not valid', { code: 'api_key_invalid' });
  return key.principal;
}
