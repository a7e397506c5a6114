import { LockMode, type EntityManager } from '@hookline/db';
import { NotFoundError } from '@hookline/errors';
import type { RegistryDeps } from '../common/deps';
import type { RequestMeta } from '../common/scope';
import { OrganizationEntity } from '../db/entities/organization';
import { OrgSettingsEntity } from '../db/entities/org-settings';
import { inTransaction, readerFor, type UnitOfWork } from '../db/unit-of-work';
import { getOrganization } from '../organizations/organizations';
import type { ApprovalRow } from '../model/approval';
import { recordApproval } from '../request-approval/request-approval';
import { enqueueAudit } from '../outbox/outbox';

export interface ApprovalSettings {
  create: boolean;
  update: boolean;
  delete: boolean;
}

export interface OrgSettings {
  orgId: string;
  approvals: ApprovalSettings;
  /** null until first changed. */
  updatedAt: Date | null;
}

/** An org without a settings row has the defaults: no approvals required. */
export async function readSettings(em: EntityManager, orgId: string): Promise<OrgSettings> {
  const row = await em.findOne(OrgSettingsEntity, { org_id: orgId });
  return {
    orgId,
    approvals: { create: row?.approve_create ?? false, update: row?.approve_update ?? false, delete: row?.approve_delete ?? false },
    updatedAt: row?.updated_at ?? null,
  };
}

export async function getSettings(deps: RegistryDeps, orgId: string): Promise<OrgSettings> {
  await getOrganization(deps, orgId);
  return readSettings(readerFor(deps), orgId);
}

/** Whether the org requires approvals at all (then keys, admins and these settings are guarded too). */
export function approvalsRequired(approvals: ApprovalSettings): boolean {
  return approvals.create || approvals.update || approvals.delete;
}

export interface SettingsUpdate {
  settings: OrgSettings;
  /** Set when the change awaits approval (settings unchanged meanwhile). */
  pendingApproval?: ApprovalRow;
}

/**
 * Changes the settings. With an org key, turning any approval off while approvals are required
 * awaits approval by another principal: otherwise one admin could switch four-eyes off and on.
 */
export async function updateSettings(
  deps: RegistryDeps,
  meta: RequestMeta,
  orgId: string,
  patch: Partial<ApprovalSettings>,
): Promise<SettingsUpdate> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    // Locking the org row serialises concurrent updates of its settings (and guarded key changes).
    const org = await tx.em.findOne(OrganizationEntity, { id: orgId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!org) throw new NotFoundError('organization not found');
    const before = await readSettings(tx.em, orgId);
    const approvals = { ...before.approvals, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    const loosens = (Object.keys(approvals) as (keyof ApprovalSettings)[]).some((k) => before.approvals[k] && !approvals[k]);
    if (meta.actor.kind === 'api_key' && loosens) {
      const change = { target: 'settings', action: 'update', before: before.approvals, after: approvals } as const;
      const pendingApproval = await recordApproval(tx, deps.box, meta, { orgId, resourceType: 'settings', resourceId: orgId }, change, now);
      return { settings: before, pendingApproval };
    }
    return { settings: await writeSettings(tx, meta, orgId, before.approvals, approvals, now) };
  });
}

/** Stores the settings (inside the caller's transaction, org row locked) and audits the change. */
export async function writeSettings(
  tx: UnitOfWork,
  meta: RequestMeta,
  orgId: string,
  before: ApprovalSettings,
  approvals: ApprovalSettings,
  now: Date,
): Promise<OrgSettings> {
  await tx.em.upsert(OrgSettingsEntity, {
    org_id: orgId,
    approve_create: approvals.create,
    approve_update: approvals.update,
    approve_delete: approvals.delete,
    updated_at: now,
  });
  await enqueueAudit(tx, {
    meta,
    orgId,
    action: 'settings.update',
    resourceType: 'settings',
    resourceId: orgId,
    before: { approvals: before },
    after: { approvals },
    at: now,
  });
  return { orgId, approvals, updatedAt: now };
}
