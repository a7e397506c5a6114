import { InputError, NotFoundError, PermissionError } from '@hookline/errors';
import type { commonV1 } from '@hookline/proto';

/**
 * Audit records are readable by an org's `admin` keys and by the operator; an API key never
 * reads another org's chain (answered as not found, like every other cross-org id).
 */
export function assertMayReadAudit(context: commonV1.RequestContext | undefined, orgId: string): void {
  if (!orgId) throw new InputError('org_id is required', { code: 'org_required', param: 'org_id' });
  const actor = context?.actor;
  if (!actor || actor.kind === 'operator' || actor.kind === 'service') return;
  if (actor.orgId !== orgId) throw new NotFoundError('No such organization.', { code: 'organization_not_found' });
  if (actor.role !== 'admin') throw new PermissionError('Only admin keys may read audit logs.', { code: 'admin_required' });
}
