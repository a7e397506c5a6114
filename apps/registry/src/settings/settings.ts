import { NotFoundError } from '@hookline/errors';
import type { RegistryDeps } from '../common/deps';
import type { RequestMeta } from '../common/scope';
import type { Queryable } from '../db/queryable';
import { getOrganization } from '../organizations/organizations';
import type { ApprovalRow } from '../approvals/approval';
import { recordApproval } from '../approvals/request-approval';
import { enqueueAudit } from '../outbox/outbox';
import { inTransaction } from '../db/unit-of-work';

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

interface SettingsRow {
  approve_create: boolean;
  approve_update: boolean;
  approve_delete: boolean;
  updated_at: Date;
}

/** An org without a settings row has the defaults: no approvals required. */
export async function readSettings(db: Queryable, orgId: string): Promise<OrgSettings> {
  const { rows } = await db.query<SettingsRow>('select * from org_settings where org_id = $1', [orgId]);
  const row = rows[0];
  return {
    orgId,
    approvals: { create: row?.approve_create ?? false, update: row?.approve_update ?? false, delete: row?.approve_delete ?? false },
    updatedAt: row?.updated_at ?? null,
  };
}

export async function getSettings(deps: RegistryDeps, orgId: string): Promise<OrgSettings> {
  await getOrganization(deps.db.pool, orgId);
  return readSettings(deps.db.pool, orgId);
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
    const org = await tx.query('select id from organization where id = $1 for update', [orgId]);
    if (org.rowCount === 0) throw new NotFoundError('organization not found');
    const before = await readSettings(tx, orgId);
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
  tx: Queryable,
  meta: RequestMeta,
  orgId: string,
  before: ApprovalSettings,
  approvals: ApprovalSettings,
  now: Date,
): Promise<OrgSettings> {
  await tx.query(
    `insert into org_settings (org_id, approve_create, approve_update, approve_delete, updated_at) values ($1, $2, $3, $4, $5)
     on conflict (org_id) do update set approve_create = $2, approve_update = $3, approve_delete = $4, updated_at = $5`,
    [orgId, approvals.create, approvals.update, approvals.delete, now],
  );
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
