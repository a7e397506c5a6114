import { InputError } from '@hookline/errors';
import { newId } from '@hookline/ids';
import { insertApiKey, type CreatedApiKey } from '../api-keys/api-keys';
import type { RegistryDeps } from '../common/deps';
import type { RequestMeta } from '../common/scope';
import { OrganizationEntity } from '../db/entities/organization';
import { inTransaction } from '../db/unit-of-work';
import type { OrganizationRow } from '../organizations/organizations';
import { enqueueAudit } from '../outbox/outbox';

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
    // Inserted at once, not at commit: the key and audit rows below refer to it.
    await tx.em.insert(OrganizationEntity, organization);
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
