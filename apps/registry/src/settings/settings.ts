import { NotFoundError } from '@hookline/errors';
import type { RegistryDeps } from '../common/deps';
import type { RequestMeta } from '../common/scope';
import type { Queryable } from '../db/queryable';
import { getOrganization } from '../organizations/organizations';
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

export async function updateSettings(
  deps: RegistryDeps,
  meta: RequestMeta,
  orgId: string,
  patch: Partial<ApprovalSettings>,
): Promise<OrgSettings> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    // Locking the org row serialises concurrent updates of its settings.
    const org = await tx.query('select id from organization where id = $1 for update', [orgId]);
    if (org.rowCount === 0) throw new NotFoundError('organization not found');
    const before = await readSettings(tx, orgId);
    const approvals = { ...before.approvals, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
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
      before: { approvals: before.approvals },
      after: { approvals },
      at: now,
    });
    return { orgId, approvals, updatedAt: now };
  });
}
