import type { CreateWebhookBody, UpdateWebhookBody, Webhook } from '../api/types';

/** The REST API's endpoint auth types (generated from /openapi.json). */
export type AuthType = Webhook['auth_type'];

/** What the create/edit form holds: strings as typed, turned into a request body on submit. */
export interface WebhookFormState {
  name: string;
  description: string;
  url: string;
  /** Empty = every event type. */
  eventTypes: string[];
  authType: AuthType;
  /** Credentials are never returned: on edit, blank means "keep what is stored". */
  headerName: string;
  value: string;
  username: string;
  password: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  audience: string;
  rateLimit: string;
  timeout: string;
  payload: 'full' | 'thin';
  signatureScheme: 'hmac-sha256' | 'ed25519' | 'ecdsa-p256';
  /** Seconds separated by commas; blank = the platform default. */
  retrySchedule: string;
  ordering: 'unordered' | 'fifo';
  /** The payload filter as JSON text; blank = none. */
  filter: string;
}

export const emptyWebhookForm: WebhookFormState = {
  name: '',
  description: '',
  url: 'https://',
  eventTypes: [],
  authType: 'none',
  headerName: '',
  value: '',
  username: '',
  password: '',
  tokenUrl: '',
  clientId: '',
  clientSecret: '',
  scope: '',
  audience: '',
  rateLimit: '10',
  timeout: '15',
  payload: 'full',
  signatureScheme: 'hmac-sha256',
  retrySchedule: '',
  ordering: 'unordered',
  filter: '',
};

export function formFromWebhook(webhook: Webhook): WebhookFormState {
  return {
    ...emptyWebhookForm,
    name: webhook.name,
    description: webhook.description ?? '',
    url: webhook.url,
    eventTypes: webhook.event_types ?? [],
    authType: webhook.auth_type,
    headerName: webhook.auth?.header_name ?? '',
    username: webhook.auth?.username ?? '',
    tokenUrl: webhook.auth?.token_url ?? '',
    clientId: webhook.auth?.client_id ?? '',
    scope: webhook.auth?.scope ?? '',
    audience: webhook.auth?.audience ?? '',
    rateLimit: String(webhook.rate_limit_rps),
    timeout: String(webhook.timeout_seconds),
    payload: webhook.payload,
    signatureScheme: webhook.signature_scheme,
    retrySchedule: (webhook.retry_schedule_seconds ?? []).join(', '),
    ordering: webhook.ordering,
    filter: webhook.filter ? JSON.stringify(webhook.filter, null, 2) : '',
  };
}

/**
 * The filter text as sent: its JSON value, or the text itself when it is not JSON, so the API
 * refuses it naming `filter` (the UI does not keep a second copy of the filter rules).
 */
export function filterValue(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return text as unknown as Record<string, unknown>;
  }
}

/** A number as typed; NaN stays NaN so the API names the field (`param`) instead of the UI guessing. */
function integer(value: string): number {
  return value.trim() === '' ? Number.NaN : Number(value.trim());
}

/** "5, 300, 1800" → [5, 300, 1800]; anything unparsable is sent as NaN → null, refused by the API with its param. */
export function parseRetrySchedule(text: string): number[] {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((part) => Number(part));
}

function auth(state: WebhookFormState): CreateWebhookBody['auth'] {
  switch (state.authType) {
    case 'none':
      return { type: 'none' };
    case 'api_key':
      return { type: 'api_key', header_name: state.headerName.trim(), value: state.value };
    case 'basic':
      return { type: 'basic', username: state.username, password: state.password };
    case 'oauth2':
      return {
        type: 'oauth2',
        token_url: state.tokenUrl.trim(),
        client_id: state.clientId,
        client_secret: state.clientSecret,
        ...(state.scope.trim() ? { scope: state.scope.trim() } : {}),
        ...(state.audience.trim() ? { audience: state.audience.trim() } : {}),
      };
  }
}

export function createBody(state: WebhookFormState): CreateWebhookBody {
  const retry = parseRetrySchedule(state.retrySchedule);
  return {
    name: state.name.trim(),
    url: state.url.trim(),
    ...(state.description.trim() ? { description: state.description.trim() } : {}),
    ...(state.eventTypes.length > 0 ? { event_types: state.eventTypes } : {}),
    auth: auth(state),
    rate_limit_rps: integer(state.rateLimit),
    timeout_seconds: integer(state.timeout),
    payload: state.payload,
    signature_scheme: state.signatureScheme,
    ...(retry.length > 0 ? { retry_schedule_seconds: retry } : {}),
    ordering: state.ordering,
    ...(state.filter.trim() ? { filter: filterValue(state.filter) } : {}),
  };
}

/**
 * Only what changed. Credentials are sent when the auth type changed or a secret field was
 * typed in; otherwise the stored ones stay (they are never returned, so the form cannot resend them).
 */
export function updateBody(before: WebhookFormState, state: WebhookFormState): UpdateWebhookBody {
  const body: UpdateWebhookBody = {};
  if (state.name.trim() !== before.name) body.name = state.name.trim();
  if (state.description.trim() !== before.description) body.description = state.description.trim() || null;
  if (state.url.trim() !== before.url) body.url = state.url.trim();
  if (state.eventTypes.join('\n') !== before.eventTypes.join('\n')) body.event_types = state.eventTypes.length > 0 ? state.eventTypes : null;
  const secretTyped = state.value !== '' || state.password !== '' || state.clientSecret !== '';
  const authFieldsChanged = (['headerName', 'username', 'tokenUrl', 'clientId', 'scope', 'audience'] as const).some((k) => state[k] !== before[k]);
  if (state.authType !== before.authType || secretTyped || authFieldsChanged) body.auth = auth(state);
  if (state.rateLimit !== before.rateLimit) body.rate_limit_rps = integer(state.rateLimit);
  if (state.timeout !== before.timeout) body.timeout_seconds = integer(state.timeout);
  if (state.payload !== before.payload) body.payload = state.payload;
  if (state.retrySchedule.trim() !== before.retrySchedule) {
    const retry = parseRetrySchedule(state.retrySchedule);
    body.retry_schedule_seconds = retry.length > 0 ? retry : null;
  }
  if (state.ordering !== before.ordering) body.ordering = state.ordering;
  if (state.filter.trim() !== before.filter.trim()) body.filter = state.filter.trim() ? filterValue(state.filter) : null;
  return body;
}

/** Which form control shows an API error with this `param`. */
export function controlForParam(param: string): keyof WebhookFormState | undefined {
  const map: Record<string, keyof WebhookFormState> = {
    name: 'name',
    description: 'description',
    url: 'url',
    event_types: 'eventTypes',
    auth: 'authType',
    'auth.type': 'authType',
    'auth.header_name': 'headerName',
    'auth.value': 'value',
    'auth.username': 'username',
    'auth.password': 'password',
    'auth.token_url': 'tokenUrl',
    'auth.client_id': 'clientId',
    'auth.client_secret': 'clientSecret',
    'auth.scope': 'scope',
    'auth.audience': 'audience',
    rate_limit_rps: 'rateLimit',
    timeout_seconds: 'timeout',
    payload: 'payload',
    signature_scheme: 'signatureScheme',
    retry_schedule_seconds: 'retrySchedule',
    ordering: 'ordering',
  };
  if (param === 'filter' || param.startsWith('filter.')) return 'filter';
  return map[param.replace(/\[\d*\]/g, '')];
}
