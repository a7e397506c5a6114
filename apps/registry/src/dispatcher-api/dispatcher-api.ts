import { InputError, NotFoundError } from '@hookline/errors';
import type { RegistryDeps } from '../common/deps';
import type { RequestMeta } from '../common/scope';
import { recordWebhookChange } from '../webhooks/record-change';
import { activeSigningKeys } from '../webhooks/signing-keys';
import { filterJsonOf, type AuthConfig, type WebhookRow } from '../model/webhook';
import { setWebhookStatus } from '../webhooks/webhook-store';
import { inTransaction } from '../db/unit-of-work';
import { readWireProfile } from '../wire-profiles/wire-profiles';
import { DEFAULT_CLIENT_AUTH_METHOD, type WireProfile } from '@hookline/contract';

export interface WebhookRoute {
  webhookId: string;
  orgId: string;
  status: string;
  eventTypes: string[];
  version: number;
  /** The payload filter as JSON; '' = none. */
  filterJson: string;
}

/** The dispatcher's start-up snapshot: every webhook not deleted. */
export async function listLiveWebhooks(deps: RegistryDeps): Promise<WebhookRoute[]> {
  const { rows } = await deps.db.pool.query<Pick<WebhookRow, 'id' | 'org_id' | 'status' | 'event_types' | 'version' | 'filter'>>(
    `select id, org_id, status, event_types, version, filter from webhook where status <> 'deleted' order by id`,
  );
  return rows.map((r) => ({
    webhookId: r.id,
    orgId: r.org_id,
    status: r.status,
    eventTypes: r.event_types,
    version: Number(r.version),
    filterJson: filterJsonOf(r),
  }));
}

export interface DeliveryConfig {
  webhook: WebhookRow;
  /** Current key first, then previous keys inside their 24 h window. */
  signingKeys: string[];
  auth: AuthConfig;
  /** The organization's wire profile (or the platform's). */
  wireProfile: WireProfile;
}

/** Everything the dispatcher needs to deliver, secrets decrypted. Fails closed on a wrong master key. */
export async function getDeliveryConfig(deps: RegistryDeps, webhookId: string): Promise<DeliveryConfig> {
  const { rows } = await deps.db.pool.query<WebhookRow>(`select * from webhook where id = $1 and status <> 'deleted'`, [webhookId]);
  const webhook = rows[0];
  if (!webhook) throw new NotFoundError('webhook not found');
  const signingKeys = await activeSigningKeys(deps.db.pool, deps.box, webhookId, deps.clock());
  const secret = webhook.auth_sealed ? (JSON.parse(deps.box.open(webhook.auth_sealed)) as Record<string, string>) : {};
  const info = webhook.auth_info;
  let auth: AuthConfig;
  switch (webhook.auth_type) {
    case 'api_key':
      auth = { type: 'api_key', headerName: info.header_name ?? '', value: secret.header_value ?? '' };
      break;
    case 'basic':
      auth = { type: 'basic', username: info.username ?? '', password: secret.password ?? '' };
      break;
    case 'oauth2':
      auth = {
        type: 'oauth2',
        tokenUrl: info.token_url ?? '',
        clientId: info.client_id ?? '',
        clientSecret: secret.client_secret ?? '',
        scope: info.scope ?? '',
        audience: info.audience ?? '',
        clientAuthMethod: info.client_auth_method ?? DEFAULT_CLIENT_AUTH_METHOD,
      };
      break;
    default:
      auth = { type: 'none' };
  }
  const { profile: wireProfile } = await readWireProfile(deps.db.pool, webhook.org_id, deps.defaultWireProfile);
  return { webhook, signingKeys, auth, wireProfile };
}

/** The dispatcher gives up on an endpoint (410 Gone, or 5 days without success). */
export async function disableWebhook(deps: RegistryDeps, meta: RequestMeta, webhookId: string, reason: string): Promise<boolean> {
  if (reason !== 'gone' && reason !== 'failing') {
    throw new InputError('reason must be gone or failing', { code: 'reason_invalid', param: 'reason' });
  }
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const { rows } = await tx.query<WebhookRow>('select * from webhook where id = $1 for update', [webhookId]);
    const current = rows[0];
    if (!current) throw new NotFoundError('webhook not found');
    if (current.status !== 'active' && current.status !== 'paused' && current.status !== 'error') return false;
    const disabled = await setWebhookStatus(tx, webhookId, 'disabled', now, { disabledReason: reason });
    await recordWebhookChange(tx, meta, { kind: 'disabled', action: 'webhook.disable', before: current, after: disabled, now, details: { reason } });
    return true;
  });
}

/** Batched `last_triggered_at` updates; never moves it backwards. Not a change clients subscribe to. */
export async function recordWebhookTriggers(deps: RegistryDeps, triggers: { webhookId: string; triggeredAt: string }[]): Promise<void> {
  const valid = triggers.filter((t) => t.webhookId && !Number.isNaN(Date.parse(t.triggeredAt)));
  if (valid.length === 0) return;
  await deps.db.pool.query(
    `update webhook w set last_triggered_at = greatest(coalesce(w.last_triggered_at, t.at), t.at)
       from (select id, max(at) as at from unnest($1::text[], $2::timestamptz[]) as u(id, at) group by id) t
      where w.id = t.id`,
    [valid.map((t) => t.webhookId), valid.map((t) => t.triggeredAt)],
  );
}
