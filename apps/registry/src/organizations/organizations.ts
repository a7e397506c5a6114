import { InputError, NotFoundError } from '@hookline/errors';
import { newId } from '@hookline/ids';
import type { RegistryDeps } from '../common/deps';
import { paginate, type Page } from '../common/pagination';
import type { RequestMeta } from '../common/scope';
import type { Queryable } from '../db/queryable';
import { enqueueAudit } from '../outbox/outbox';
import { insertApiKey, type CreatedApiKey } from '../api-keys/api-keys';
import { inTransaction } from '../db/unit-of-work';

export interface OrganizationRow {
  id: string;
  name: string;
  created_at: Date;
}

export interface CreatedOrganization {
  organization: OrganizationRow;
  apiKey: CreatedApiKey;
}

/** Operator: a new organization with its first admin key, in one transaction. */
export async function createOrganization(
  deps: RegistryDeps,
  meta: RequestMeta,
  input: { name: string; owner: string },
): Promise<CreatedOrganization> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) {
    throw new InputError('name must be 1 to 100 characters', { code: 'org_name_invalid', param: 'name' });
  }
  const owner = input.owner.trim() || 'operator';
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const organization: OrganizationRow = { id: newId('org'), name, created_at: now };
    await tx.query('insert into organization (id, name, created_at) values ($1, $2, $3)', [organization.id, name, now]);
    await enqueueAudit(tx, {
      meta,
      orgId: organization.id,
      action: 'organization.create',
      resourceType: 'organization',
      resourceId: organization.id,
      after: { id: organization.id, name },
      at: now,
    });
    const apiKey = await insertApiKey(tx, meta, { orgId: organization.id, role: 'admin', owner, name: 'initial admin key' }, now);
    return { organization, apiKey };
  });
}

export function listOrganizations(deps: RegistryDeps, page: { limit: number; cursor: string } | undefined): Promise<Page<OrganizationRow>> {
  return paginate<OrganizationRow>(deps.db.pool, { table: 'organization', where: 'true', params: [] }, page);
}

export async function getOrganization(db: Queryable, orgId: string): Promise<OrganizationRow> {
  const { rows } = await db.query<OrganizationRow>('select id, name, created_at from organization where id = $1', [orgId]);
  if (!rows[0]) throw new NotFoundError('organization not found');
  return rows[0];
}
