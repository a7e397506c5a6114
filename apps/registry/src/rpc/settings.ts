import type { RegistryDeps } from '../common/deps';
import { orgOf, requestMeta, requireRole } from '../common/scope';
import { getSettings, updateSettings } from '../settings/settings';
import { toApproval, toSettings } from './convert';
import type { RegistryHandlers } from './handlers';

export function settingsHandlers(deps: RegistryDeps): Pick<RegistryHandlers, 'getSettings' | 'updateSettings'> {
  return {
    async getSettings(request) {
      const meta = requestMeta(request.context);
      requireRole(meta, 'viewer');
      return toSettings(await getSettings(deps, orgOf(meta, request.orgId)));
    },
    async updateSettings(request) {
      const meta = requestMeta(request.context);
      requireRole(meta, 'admin');
      const patch = request.approvals ?? {};
      const updated = await updateSettings(deps, meta, orgOf(meta, request.orgId), { create: patch.create, update: patch.update, delete: patch.delete });
      return { settings: toSettings(updated.settings), pendingApproval: updated.pendingApproval && toApproval(updated.pendingApproval, deps.clock()) };
    },
  };
}
