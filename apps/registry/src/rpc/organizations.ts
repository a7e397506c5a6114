import type { RegistryDeps } from '../common/deps';
import { requestMeta } from '../common/scope';
import { createOrganization } from '../new-organization/create-organization';
import { getOrganization, listOrganizations } from '../organizations/organizations';
import { toApiKey, toOrganization } from './convert';
import type { RegistryHandlers } from './handlers';

export function organizationHandlers(deps: RegistryDeps): Pick<RegistryHandlers, 'createOrganization' | 'listOrganizations' | 'getOrganization'> {
  return {
    async createOrganization(request) {
      const meta = requestMeta(request.context);
      const created = await createOrganization(deps, meta, { name: request.name, owner: request.owner });
      return { organization: toOrganization(created.organization), apiKey: toApiKey(created.apiKey.apiKey), key: created.apiKey.key };
    },
    async listOrganizations(request) {
      const page = await listOrganizations(deps, request.page);
      return { organizations: page.items.map(toOrganization), page: page.pageInfo };
    },
    async getOrganization(request) {
      return toOrganization(await getOrganization(deps, request.orgId));
    },
  };
}
