import { createApiKey, listApiKeys } from '../api-keys/api-keys';
import { revokeApiKey } from '../api-keys/revoke-api-key';
import { authenticateApiKey } from '../api-keys/authenticate';
import type { RegistryDeps } from '../common/deps';
import { scopeOf } from '../common/scope';
import { toApiKey, toApproval } from './convert';
import type { RegistryHandlers } from './handlers';
import { authenticatePortalSession } from '../portal-sessions/portal-sessions';
import { isPortalToken } from '../portal-sessions/portal-token';
import { toPortalSession } from './portal-sessions';

export function apiKeyHandlers(deps: RegistryDeps): Pick<RegistryHandlers, 'createApiKey' | 'listApiKeys' | 'revokeApiKey' | 'authenticateApiKey'> {
  return {
    async createApiKey(request) {
      const { meta, orgId } = scopeOf(request);
      const created = await createApiKey(deps, meta, { orgId, role: request.role, owner: request.owner, name: request.name });
      return {
        apiKey: toApiKey(created.apiKey),
        key: created.key,
        pendingApproval: created.pendingApproval && toApproval(created.pendingApproval, deps.clock()),
      };
    },
    async listApiKeys(request) {
      const { orgId } = scopeOf(request);
      const page = await listApiKeys(deps, orgId, request.page);
      return { apiKeys: page.items.map(toApiKey), page: page.pageInfo };
    },
    async revokeApiKey(request) {
      const { meta, orgId } = scopeOf(request);
      const revoked = await revokeApiKey(deps, meta, orgId, request.keyId);
      return { apiKey: toApiKey(revoked.apiKey), pendingApproval: revoked.pendingApproval && toApproval(revoked.pendingApproval, deps.clock()) };
    },
    async authenticateApiKey(request) {
      if (isPortalToken(request.key)) {
        const session = await authenticatePortalSession(deps, request.key, { requestId: '', ip: '', userAgent: '' });
        return {
          actor: { kind: 'api_key', keyId: session.id, owner: session.owner, role: session.role, orgId: session.org_id },
          orgName: '',
          portalSession: toPortalSession(session),
        };
      }
      const { apiKey, orgName } = await authenticateApiKey(deps, request.key);
      return {
        actor: { kind: 'api_key', keyId: apiKey.id, owner: apiKey.owner, role: apiKey.role, orgId: apiKey.org_id },
        orgName,
      };
    },
  };
}
