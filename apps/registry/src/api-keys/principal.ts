import { AuthenticationError } from '@hookline/errors';
import type { RequestMeta } from '../common/scope';
import type { Queryable } from '../db/queryable';

/**
 * The principal a request acts for, read from the registry's own record of the key (never from
 * what the caller says about itself): four-eyes compares principals, not key owners.
 */
export async function principalOf(db: Queryable, meta: RequestMeta): Promise<string> {
  if (meta.actor.kind !== 'api_key') return meta.actor.kind;
  const { rows } = await db.query<{ principal: string }>(`select principal from api_key where id = $1 and org_id = $2 and status = 'active'`, [
    meta.actor.keyId,
    meta.actor.orgId,
  ]);
  if (!rows[0]) throw new AuthenticationError('the API key is not valid', { code: 'api_key_invalid' });
  return rows[0].principal;
}
