import { STANDARD_WEBHOOKS_PROFILE, wireProfileFromJson, wireProfileToJson, type WireProfile } from '@hookline/contract';
import { InputError, NotFoundError } from '@hookline/errors';
import type { RegistryDeps } from '../common/deps';
import type { RequestMeta } from '../common/scope';
import type { Queryable } from '../db/queryable';
import { inTransaction } from '../db/unit-of-work';
import { ensureEventType } from '../event-types/catalog';
import { enqueueAudit, enqueueWebhookChange } from '../outbox/outbox';
import { filterJsonOf, type WebhookRow } from '../model/webhook';

export interface OrgWireProfile {
  profile: WireProfile;
  /** The organization has none of its own: the platform default applies. */
  isDefault: boolean;
}

/** The organization's own profile, else the platform default. */
export async function readWireProfile(db: Queryable, orgId: string, platformDefault: WireProfile = STANDARD_WEBHOOKS_PROFILE): Promise<OrgWireProfile> {
  const { rows } = await db.query<{ profile: unknown }>('select profile from org_wire_profile where org_id = $1', [orgId]);
  if (rows.length === 0) return { profile: platformDefault, isDefault: true };
  return { profile: wireProfileFromJson(rows[0].profile), isDefault: false };
}

/** Checks a profile that arrived over gRPC with the same rules as the REST body. */
export function validWireProfile(profile: WireProfile): WireProfile {
  try {
    return wireProfileFromJson(wireProfileToJson(profile));
  } catch (error) {
    const issue = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.[0];
    const param = ['wire_profile', ...(issue?.path ?? []).map(String)].join('.');
    throw new InputError(`${param}: ${issue?.message ?? 'invalid wire profile'}`, { code: 'wire_profile_invalid', param, cause: error });
  }
}

/**
 * The operator sets (or, with null, removes) an organization's wire profile. Every live webhook of
 * the organization gets a new version on the change feed, so dispatchers re-read its delivery
 * config and the next attempt goes out in the new format (within 1 s, as any webhook change).
 */
export async function setWireProfile(deps: RegistryDeps, meta: RequestMeta, orgId: string, profile: WireProfile | null): Promise<OrgWireProfile> {
  const checked = profile && validWireProfile(profile);
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const org = await tx.query('select id from organization where id = $1 for update', [orgId]);
    if (org.rows.length === 0) throw new NotFoundError('organization not found');
    const before = await readWireProfile(tx, orgId);
    if (checked) {
      await tx.query(
        `insert into org_wire_profile (org_id, profile, updated_at) values ($1, $2, $3)
         on conflict (org_id) do update set profile = excluded.profile, updated_at = excluded.updated_at`,
        [orgId, JSON.stringify(wireProfileToJson(checked)), now],
      );
      // Test deliveries of this profile go through the catalog like any event: its test type must be there.
      if (checked.testEventType) {
        await ensureEventType(tx, meta, checked.testEventType, 'Sent by POST /v1/webhooks/:id/test in the wire profile that names it.', now);
      }
    } else {
      await tx.query('delete from org_wire_profile where org_id = $1', [orgId]);
    }
    const { rows } = await tx.query<WebhookRow>(
      `update webhook set version = version + 1 where org_id = $1 and status <> 'deleted' returning *`,
      [orgId],
    );
    for (const webhook of rows) {
      await enqueueWebhookChange(tx, {
        webhookId: webhook.id,
        orgId,
        change: 'wire_profile_changed',
        status: webhook.status,
        eventTypes: webhook.event_types,
        filterJson: filterJsonOf(webhook),
        version: Number(webhook.version),
        changedAt: now,
      });
    }
    await enqueueAudit(tx, {
      meta,
      orgId,
      action: 'organization.wire_profile.update',
      resourceType: 'organization',
      resourceId: orgId,
      before: { wire_profile: before.isDefault ? null : wireProfileToJson(before.profile) },
      after: { wire_profile: checked ? wireProfileToJson(checked) : null },
      at: now,
    });
    return checked ? { profile: checked, isDefault: false } : { profile: STANDARD_WEBHOOKS_PROFILE, isDefault: true };
  });
}
