import { DAY_MS } from '../common/clock';
import { redactAuth, type WebhookPatch, type WebhookSpec } from './webhook';
import type { ApprovalRecord } from '../db/entities/approval';

export const APPROVAL_TTL_MS = 7 * DAY_MS;

export type ApprovalAction = 'create' | 'update' | 'delete' | 'revoke';
export type ApprovalResourceType = 'webhook' | 'api_key' | 'settings';

/** Org settings as an approval carries them (the settings module owns their meaning). */
export interface ApprovalFlags {
  create: boolean;
  update: boolean;
  delete: boolean;
}
export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired' | 'stale';

/** The exact change an approval is bound to (stored sealed: it may hold credentials). */
export type ApprovalChange = WebhookChangeRequest | ApiKeyChange | SettingsChange;
/** A change to a webhook waiting for its approval (the change feed's message is the proto `WebhookChange`). */
export type WebhookChangeRequest = { action: 'create'; spec: WebhookSpec } | { action: 'update'; patch: WebhookPatch } | { action: 'delete' };
/** Activating a key created inactive, or revoking one (the key's id is the approval's resource id). */
/** `principal`: whom the key acts for — who holds it — so an approver sees exactly what is granted and to whom. */
export type ApiKeyChange = { target: 'api_key'; action: 'create' | 'revoke'; role: string; owner: string; principal: string };
/** Settings bound to what they were when requested: a change meanwhile makes the approval stale. */
export type SettingsChange = { target: 'settings'; action: 'update'; before: ApprovalFlags; after: ApprovalFlags };

/** An approval as stored (the entity's record), with the webhook's version now when joined. */
export interface ApprovalRow extends ApprovalRecord {
  /** The webhook's version now (joined), to tell a stale pending approval; null for other resources. */
  current_version?: string | number | null;
}

/** What a reader sees: a pending approval past its expiry or overtaken by a change is not pending. */
export function effectiveStatus(row: ApprovalRow, now: Date): ApprovalStatus {
  if (row.status !== 'pending') return row.status;
  if (now.getTime() >= row.expires_at.getTime()) return 'expired';
  if (row.current_version !== undefined && row.current_version !== null && Number(row.current_version) !== Number(row.webhook_version)) return 'stale';
  return 'pending';
}

/** The hash input: the change, which resource (webhook, key or org) and which version of it. */
export function changeDigestInput(resourceId: string, version: number, changeJson: string): string {
  return `${resourceId}\n${version}\n${changeJson}`;
}

function patchView(patch: WebhookPatch | WebhookSpec): Record<string, unknown> {
  const view: Record<string, unknown> = {
    name: patch.name,
    description: patch.description,
    url: patch.url,
    event_types: patch.eventTypes,
    auth: patch.auth ? redactAuth(patch.auth) : undefined,
    rate_limit_rps: patch.rateLimitRps,
    timeout_seconds: patch.timeoutSeconds,
    status: 'status' in patch ? patch.status : undefined,
    payload: patch.payload,
    signature_scheme: 'signatureScheme' in patch ? patch.signatureScheme : undefined,
    retry_schedule_seconds: patch.retryScheduleSeconds,
    ordering: patch.ordering,
    filter: patch.filter,
  };
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined));
}

/** The change as shown on the approval object: credentials replaced by "[redacted]". */
export function redactChange(change: ApprovalChange): Record<string, unknown> {
  if ('target' in change) {
    return change.target === 'api_key' ? { role: change.role, owner: change.owner, principal: change.principal } : { approvals: change.after };
  }
  switch (change.action) {
    case 'create':
      return patchView(change.spec);
    case 'update':
      return patchView(change.patch);
    case 'delete':
      return {};
  }
}
