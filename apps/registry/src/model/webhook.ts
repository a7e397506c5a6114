import type { ClientAuthMethod, EndpointAuth, PayloadFilter, WebhookStatus } from '@hookline/contract';
import type { SignatureScheme } from '@hookline/signing';

export type { WebhookStatus } from '@hookline/contract';

/** A webhook's endpoint authentication: the contract's union. */
export type AuthConfig = EndpointAuth;

/** A validated, normalised new webhook. */
export interface WebhookSpec {
  name: string;
  description: string;
  url: string;
  /** [] = every event type. */
  eventTypes: string[];
  auth: AuthConfig;
  rateLimitRps: number;
  timeoutSeconds: number;
  payload: 'full' | 'thin';
  signatureScheme: SignatureScheme;
  /** [] = platform default. */
  retryScheduleSeconds: number[];
  ordering: 'unordered' | 'fifo';
  /** null = every event the event types accept. */
  filter: PayloadFilter | null;
}

/** A validated partial update: only present keys change. */
export interface WebhookPatch {
  name?: string;
  description?: string;
  url?: string;
  eventTypes?: string[];
  auth?: AuthConfig;
  rateLimitRps?: number;
  timeoutSeconds?: number;
  status?: 'active' | 'paused';
  payload?: 'full' | 'thin';
  retryScheduleSeconds?: number[];
  ordering?: 'unordered' | 'fifo';
  /** null removes the filter. */
  filter?: PayloadFilter | null;
}

/** Non-secret auth fields, as stored in `auth_info` (jsonb; its keys are stored data) and shown on the webhook. */
export interface AuthInfo {
  header_name?: string;
  username?: string;
  token_url?: string;
  client_id?: string;
  scope?: string;
  audience?: string;
  client_auth_method?: ClientAuthMethod;
}

export interface WebhookRow {
  id: string;
  org_id: string;
  name: string;
  description: string;
  url: string;
  status: WebhookStatus;
  event_types: string[];
  auth_type: AuthConfig['type'];
  auth_info: AuthInfo;
  auth_sealed: string | null;
  rate_limit_rps: number;
  timeout_seconds: number;
  payload: 'full' | 'thin';
  signature_scheme: SignatureScheme;
  public_key: string;
  retry_schedule_seconds: number[];
  ordering: 'unordered' | 'fifo';
  filter: PayloadFilter | null;
  disabled_reason: string;
  last_triggered_at: Date | null;
  version: string | number;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

/** The webhook as clients see it (REST field names); safe for audit records: no credentials. */
export function webhookView(row: WebhookRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    url: row.url,
    status: row.status,
    event_types: row.event_types,
    auth_type: row.auth_type,
    auth: { type: row.auth_type, ...row.auth_info },
    rate_limit_rps: row.rate_limit_rps,
    timeout_seconds: row.timeout_seconds,
    payload: row.payload,
    signature_scheme: row.signature_scheme,
    public_key: row.public_key,
    retry_schedule_seconds: row.retry_schedule_seconds,
    ordering: row.ordering,
    filter: row.filter,
    version: Number(row.version),
  };
}

/** The filter as the change feed and the rpc carry it: JSON, '' for none. */
export function filterJsonOf(row: Pick<WebhookRow, 'filter'>): string {
  return row.filter ? JSON.stringify(row.filter) : '';
}

export function splitAuth(auth: AuthConfig): { info: AuthInfo; secret: Record<string, string> | null } {
  switch (auth.type) {
    case 'none':
      return { info: {}, secret: null };
    case 'api_key':
      // `header_value` is the stored (sealed) key of `value`.
      return { info: { header_name: auth.headerName }, secret: { header_value: auth.value } };
    case 'basic':
      return { info: { username: auth.username }, secret: { password: auth.password } };
    case 'oauth2':
      return {
        info: { token_url: auth.tokenUrl, client_id: auth.clientId, scope: auth.scope, audience: auth.audience, client_auth_method: auth.clientAuthMethod },
        secret: { client_secret: auth.clientSecret },
      };
  }
}

export const REDACTED = '[redacted]';

/** An auth config with its credentials replaced, for approvals and audit records. */
export function redactAuth(auth: AuthConfig): Record<string, string> {
  const { info, secret } = splitAuth(auth);
  const redacted: Record<string, string> = { type: auth.type, ...(info as Record<string, string>) };
  for (const key of Object.keys(secret ?? {})) redacted[key === 'header_value' ? 'value' : key] = REDACTED;
  return redacted;
}
