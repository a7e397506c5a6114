import { DAY_MS } from '../common/clock';
import { redactAuth, type WebhookPatch, type WebhookSpec } from '../webhooks/webhook';

export const APPROVAL_TTL_MS = 7 * DAY_MS;

export type ApprovalAction = 'create' | 'update' | 'delete';
export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired' | 'stale';

/** The exact change an approval is bound to (stored sealed: it may hold credentials). */
export type ApprovalChange = { action: 'create'; spec: WebhookSpec } | { action: 'update'; patch: WebhookPatch } | { action: 'delete' };

export interface ApprovalRow {
  id: string;
  org_id: string;
  webhook_id: string;
  action: ApprovalAction;
  status: ApprovalStatus;
  requested_by: string;
  requested_by_key_id: string;
  decided_by: string;
  decided_at: Date | null;
  reason: string;
  expires_at: Date;
  created_at: Date;
  change_redacted: Record<string, unknown>;
  change_sealed: string;
  change_hash: string;
  webhook_version: string | number;
  /** The webhook's version now (joined), to tell a stale pending approval. */
  current_version?: string | number;
}

/** What a reader sees: a pending approval past its expiry or overtaken by a change is not pending. */
export function effectiveStatus(row: ApprovalRow, now: Date): ApprovalStatus {
  if (row.status !== 'pending') return row.status;
  if (now.getTime() >= row.expires_at.getTime()) return 'expired';
  if (row.current_version !== undefined && Number(row.current_version) !== Number(row.webhook_version)) return 'stale';
  return 'pending';
}

/** The hash input: the change, which webhook and which version of it. */
export function changeDigestInput(webhookId: string, version: number, changeJson: string): string {
  return `${webhookId}\n${version}\n${changeJson}`;
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
  };
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined));
}

/** The change as shown on the approval object: credentials replaced by "[redacted]". */
export function redactChange(change: ApprovalChange): Record<string, unknown> {
  switch (change.action) {
    case 'create':
      return patchView(change.spec);
    case 'update':
      return patchView(change.patch);
    case 'delete':
      return {};
  }
}
