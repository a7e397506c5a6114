import { approveApproval, rejectApproval } from '../decisions/decide-approval';
import { listApprovals, listWebhookApprovals } from '../decisions/list-approvals';
import type { RegistryDeps } from '../common/deps';
import { scopeOf } from '../common/scope';
import { toApiKey, toApproval, toSettings, toWebhook } from './convert';
import type { RegistryHandlers } from './handlers';

type ApprovalRpcs = 'listApprovals' | 'approveApproval' | 'rejectApproval' | 'listWebhookApprovals';

export function approvalHandlers(deps: RegistryDeps): Pick<RegistryHandlers, ApprovalRpcs> {
  return {
    async listApprovals(request) {
      const { orgId } = scopeOf(request);
      const page = await listApprovals(deps, orgId, request.status, request.page);
      const now = deps.clock();
      return { approvals: page.items.map((a) => toApproval(a, now)), page: page.pageInfo };
    },
    async approveApproval(request) {
      const { meta, orgId } = scopeOf(request);
      const decision = await approveApproval(deps, meta, orgId, request.approvalId);
      return {
        approval: toApproval(decision.approval, deps.clock()),
        webhook: decision.webhook && toWebhook(decision.webhook),
        apiKey: decision.apiKey && toApiKey(decision.apiKey),
        settings: decision.settings && toSettings(decision.settings),
      };
    },
    async rejectApproval(request) {
      const { meta, orgId } = scopeOf(request);
      return toApproval(await rejectApproval(deps, meta, orgId, request.approvalId, request.reason), deps.clock());
    },
    async listWebhookApprovals(request) {
      const { orgId } = scopeOf(request);
      const page = await listWebhookApprovals(deps, orgId, request.webhookId, request.page);
      const now = deps.clock();
      return { approvals: page.items.map((a) => toApproval(a, now)), page: page.pageInfo };
    },
  };
}
