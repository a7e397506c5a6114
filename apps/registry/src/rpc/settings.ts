import type { RegistryDeps } from '../common/deps';
import { scopeOf } from '../common/scope';
import { getSettings, updateSettings } from '../settings/settings';
import { toApproval, toSettings } from './convert';
import type { RegistryHandlers } from './handlers';

export function settingsHandlers(deps: RegistryDeps): Pick<RegistryHandlers, 'getSettings' | 'updateSettings'> {
  return {
    async getSettings(request) {
      const { orgId } = scopeOf(request);
      return toSettings(await getSettings(deps, orgId));
    },
    async updateSettings(request) {
      const { meta, orgId } = scopeOf(request);
      const patch = request.approvals ?? {};
      const updated = await updateSettings(deps, meta, orgId, { create: patch.create, update: patch.update, delete: patch.delete });
      return { settings: toSettings(updated.settings), pendingApproval: updated.pendingApproval && toApproval(updated.pendingApproval, deps.clock()) };
    },
  };
}
