import { LockMode } from '@hookline/db';
import { NotFoundError } from '@hookline/errors';
import { lockApiKey, type ApiKeyRow } from '../api-keys/api-keys';
import type { RegistryDeps } from '../common/deps';
import { ApprovalEntity } from '../db/entities/approval';
import { OrganizationEntity } from '../db/entities/organization';
import type { UnitOfWork } from '../db/unit-of-work';
import { changeDigestInput, type ApprovalChange, type ApprovalRow } from '../model/approval';
import type { WebhookRow } from '../model/webhook';
import { readSettings, type OrgSettings } from '../settings/settings';

/** An approval and its resource, both locked for the decision. */
export interface Locked {
  approval: ApprovalRow;
  webhook?: WebhookRow;
  apiKey?: ApiKeyRow;
  settings?: OrgSettings;
}

export async function lockApproval(tx: UnitOfWork, orgId: string, approvalId: string): Promise<Locked> {
  const record = await tx.em.findOne(ApprovalEntity, { id: approvalId, org_id: orgId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!record) throw new NotFoundError('approval not found');
  const approval: ApprovalRow = { ...record };
  switch (approval.resource_type) {
    case 'api_key': {
      const apiKey = await lockApiKey(tx, orgId, approval.resource_id);
      if (!apiKey) throw new Error(`approval ${approval.id}: API key ${approval.resource_id} is missing`);
      return { approval, apiKey };
    }
    case 'settings':
      await tx.em.findOne(OrganizationEntity, { id: orgId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      return { approval, settings: await readSettings(tx.em, orgId) };
    default: {
      const webhook = await tx.query<WebhookRow>('select * from webhook where id = $1 for update', [approval.webhook_id]);
      return { approval: { ...approval, current_version: webhook.rows[0].version }, webhook: webhook.rows[0] };
    }
  }
}

/** The sealed change, checked against the hash the approval was bound to. */
export function openChange(deps: RegistryDeps, approval: ApprovalRow): ApprovalChange {
  const changeJson = deps.box.open(approval.change_sealed);
  const expected = deps.box.fingerprint(changeDigestInput(approval.resource_id, Number(approval.webhook_version), changeJson));
  if (expected !== approval.change_hash) throw new Error(`approval ${approval.id}: stored change does not match its hash`);
  return JSON.parse(changeJson) as ApprovalChange;
}

