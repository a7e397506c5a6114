import { DEFAULT_CLIENT_AUTH_METHOD } from '@hookline/contract';
import type { registryV1 } from '@hookline/proto';
import { effectiveStatus, type ApprovalRow } from '../model/approval';
import type { ApiKeyRow } from '../api-keys/api-keys';
import { iso } from '../common/clock';
import type { EventType } from '../event-types/event-type';
import type { SchemaVersion } from '../event-types/schema-versions';
import type { OrganizationRow } from '../organizations/organizations';
import type { OrgSettings } from '../settings/settings';
import { filterJsonOf, type WebhookRow } from '../model/webhook';

// Domain rows <-> proto messages. No rules here.

export const toOrganization = (row: OrganizationRow): registryV1.Organization => ({ id: row.id, name: row.name, createdAt: iso(row.created_at) });

export const toApiKey = (row: ApiKeyRow): registryV1.ApiKey => ({
  id: row.id,
  orgId: row.org_id,
  name: row.name,
  role: row.role,
  owner: row.owner,
  prefix: row.prefix,
  createdAt: iso(row.created_at),
  revokedAt: iso(row.revoked_at),
  createdBy: row.created_by,
  principal: row.principal,
  status: row.status,
});

export const toWebhook = (row: WebhookRow): registryV1.Webhook => ({
  id: row.id,
  orgId: row.org_id,
  name: row.name,
  description: row.description,
  url: row.url,
  status: row.status,
  eventTypes: row.event_types,
  authType: row.auth_type,
  auth: {
    type: row.auth_type,
    headerName: row.auth_info.header_name ?? '',
    username: row.auth_info.username ?? '',
    tokenUrl: row.auth_info.token_url ?? '',
    clientId: row.auth_info.client_id ?? '',
    scope: row.auth_info.scope ?? '',
    audience: row.auth_info.audience ?? '',
    clientAuthMethod: row.auth_type === 'oauth2' ? (row.auth_info.client_auth_method ?? DEFAULT_CLIENT_AUTH_METHOD) : undefined,
  },
  rateLimitRps: row.rate_limit_rps,
  timeoutSeconds: row.timeout_seconds,
  payload: row.payload,
  signatureScheme: row.signature_scheme,
  publicKey: row.public_key,
  hasSigningSecret: true,
  retryScheduleSeconds: row.retry_schedule_seconds,
  ordering: row.ordering,
  lastTriggeredAt: iso(row.last_triggered_at),
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
  version: Number(row.version),
  disabledReason: row.disabled_reason,
  filterJson: filterJsonOf(row),
});

export const toApproval = (row: ApprovalRow, now: Date): registryV1.Approval => ({
  id: row.id,
  orgId: row.org_id,
  webhookId: row.webhook_id ?? '',
  action: row.action,
  status: effectiveStatus(row, now),
  requestedBy: row.requested_by,
  requestedByKeyId: row.requested_by_key_id,
  decidedBy: row.decided_by,
  decidedAt: iso(row.decided_at),
  reason: row.reason,
  expiresAt: iso(row.expires_at),
  createdAt: iso(row.created_at),
  changeJson: JSON.stringify(row.change_redacted),
  changeHash: row.change_hash,
  webhookVersion: Number(row.webhook_version),
  resourceType: row.resource_type,
  resourceId: row.resource_id,
  requestedByPrincipal: row.requested_by_principal,
});

export const toSettings = (s: OrgSettings): registryV1.Settings => ({ orgId: s.orgId, approvals: s.approvals, updatedAt: iso(s.updatedAt) });

export const toEventTypeInfo = (t: EventType): registryV1.EventTypeInfo => ({
  type: t.type,
  group: t.group,
  name: t.name,
  description: t.description,
  schemaJson: t.schemaJson,
  schemaMode: t.schemaMode,
  schemaVersion: t.schemaVersion,
});

export const toEventTypeSchemaVersion = (v: SchemaVersion): registryV1.EventTypeSchemaVersion => ({
  type: v.type,
  version: v.version,
  schemaJson: v.schemaJson,
  breaking: v.breaking,
  createdAt: iso(v.createdAt),
  current: v.current,
});

