import { NotFoundError } from '@hookline/errors';
import type { RegistryDeps } from '../common/deps';
import { paginateEntities, type Page } from '../db/pagination';
import { OrganizationEntity, type Organization } from '../db/entities/organization';
import { readerFor } from '../db/unit-of-work';

export type OrganizationRow = Organization;

export function listOrganizations(deps: RegistryDeps, page: { limit: number; cursor: string } | undefined): Promise<Page<OrganizationRow>> {
  return paginateEntities(readerFor(deps), OrganizationEntity, {}, page);
}

export async function getOrganization(deps: Pick<RegistryDeps, 'db'>, orgId: string): Promise<OrganizationRow> {
  const organization = await readerFor(deps).findOne(OrganizationEntity, { id: orgId });
  if (!organization) throw new NotFoundError('organization not found');
  return organization;
}
