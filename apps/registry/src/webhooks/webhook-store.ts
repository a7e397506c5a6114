import { ConflictError, isUniqueViolation, NotFoundError } from '@hookline/errors';
import type { Queryable } from '../db/queryable';
import type { SecretBox } from '../secrets/secret-box';
import type { WebhookStatus } from '@hookline/contract';
import { splitAuth, type AuthConfig, type WebhookPatch, type WebhookRow, type WebhookSpec } from '../model/webhook';

// Webhooks stay on SQL (the entity in db/entities describes the table for the schema check). Every
// change bumps the version in the statement that makes it (`version = version + 1 ... returning *`)
// and the dispatcher orders change-feed messages by that version, so the new row must come from the
// database, not from an identity map; and the change-feed row is queued in the same transaction,
// which runs on the entity manager's connection (see db/unit-of-work.ts).
const nameTaken = (cause: unknown) =>
  new ConflictError('a webhook with this name already exists in the organization', { code: 'name_taken', param: 'name', cause });

async function guardName<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error, 'webhook_name_uq')) throw nameTaken(error);
    throw error;
  }
}

function sealAuth(box: SecretBox, auth: AuthConfig): { info: object; sealed: string | null } {
  const { info, secret } = splitAuth(auth);
  return { info, sealed: secret ? box.seal(JSON.stringify(secret)) : null };
}

export async function insertWebhook(
  tx: Queryable,
  box: SecretBox,
  row: { id: string; orgId: string; status: WebhookStatus; spec: WebhookSpec; publicKey: string; now: Date },
): Promise<WebhookRow> {
  const { spec } = row;
  const auth = sealAuth(box, spec.auth);
  const { rows } = await guardName(
    tx.query<WebhookRow>(
      `insert into webhook (id, org_id, name, description, url, status, event_types, auth_type, auth_info, auth_sealed,
         rate_limit_rps, timeout_seconds, payload, signature_scheme, public_key, retry_schedule_seconds, ordering,
         created_at, updated_at, filter)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18, $19) returning *`,
      [
        row.id, row.orgId, spec.name, spec.description, spec.url, row.status, spec.eventTypes, spec.auth.type, auth.info, auth.sealed,
        spec.rateLimitRps, spec.timeoutSeconds, spec.payload, spec.signatureScheme, row.publicKey, spec.retryScheduleSeconds,
        spec.ordering, row.now, spec.filter === null ? null : JSON.stringify(spec.filter),
      ],
    ),
  );
  return rows[0];
}

/** A live (not deleted) webhook of the org, locked for the rest of the transaction when `lock`. */
export async function findLiveWebhook(db: Queryable, orgId: string, webhookId: string, lock = false): Promise<WebhookRow> {
  const { rows } = await db.query<WebhookRow>(
    `select * from webhook where id = $1 and org_id = $2 and status <> 'deleted'${lock ? ' for update' : ''}`,
    [webhookId, orgId],
  );
  if (!rows[0]) throw new NotFoundError('webhook not found');
  return rows[0];
}

/** Applies a validated patch and bumps the version. */
export async function updateWebhookRow(tx: Queryable, box: SecretBox, current: WebhookRow, patch: WebhookPatch, now: Date): Promise<WebhookRow> {
  const sets: string[] = [];
  const params: unknown[] = [current.id];
  const set = (column: string, value: unknown) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (patch.name !== undefined) set('name', patch.name);
  if (patch.description !== undefined) set('description', patch.description);
  if (patch.url !== undefined) set('url', patch.url);
  if (patch.eventTypes !== undefined) set('event_types', patch.eventTypes);
  if (patch.auth !== undefined) {
    const auth = sealAuth(box, patch.auth);
    set('auth_type', patch.auth.type);
    set('auth_info', auth.info);
    set('auth_sealed', auth.sealed);
  }
  if (patch.rateLimitRps !== undefined) set('rate_limit_rps', patch.rateLimitRps);
  if (patch.timeoutSeconds !== undefined) set('timeout_seconds', patch.timeoutSeconds);
  if (patch.status !== undefined) {
    set('status', patch.status);
    set('disabled_reason', '');
  }
  if (patch.payload !== undefined) set('payload', patch.payload);
  if (patch.retryScheduleSeconds !== undefined) set('retry_schedule_seconds', patch.retryScheduleSeconds);
  if (patch.ordering !== undefined) set('ordering', patch.ordering);
  if (patch.filter !== undefined) set('filter', patch.filter === null ? null : JSON.stringify(patch.filter));
  set('updated_at', now);
  const { rows } = await guardName(
    tx.query<WebhookRow>(`update webhook set ${sets.join(', ')}, version = version + 1 where id = $1 returning *`, params),
  );
  return rows[0];
}

export async function setWebhookStatus(
  tx: Queryable,
  webhookId: string,
  status: WebhookStatus,
  now: Date,
  extra: { disabledReason?: string } = {},
): Promise<WebhookRow> {
  const { rows } = await tx.query<WebhookRow>(
    `update webhook set status = $2, updated_at = $3, version = version + 1,
       deleted_at = case when $2 = 'deleted' then $3 else deleted_at end,
       disabled_reason = $4
     where id = $1 returning *`,
    [webhookId, status, now, extra.disabledReason ?? ''],
  );
  return rows[0];
}

/** Touches updated_at and the version (secret rotation changes no column the client sees). */
export async function bumpWebhookVersion(tx: Queryable, webhookId: string, now: Date, publicKey?: string): Promise<WebhookRow> {
  const { rows } = await tx.query<WebhookRow>(
    `update webhook set updated_at = $2, version = version + 1, public_key = coalesce($3, public_key) where id = $1 returning *`,
    [webhookId, now, publicKey ?? null],
  );
  return rows[0];
}
