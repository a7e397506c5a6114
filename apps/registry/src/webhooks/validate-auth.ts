import { InputError, isDomainError } from '@hookline/errors';
import { validateWebhookUrl, type WebhookUrlOptions } from '@hookline/egress';
import { CLIENT_AUTH_METHODS, type AuthConfig, type ClientAuthMethod } from './webhook';

/** Endpoint auth as submitted (REST `auth` object). */
export interface AuthInput {
  type: string;
  headerName: string;
  headerValue: string;
  username: string;
  password: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  audience: string;
  /** oauth2 only; empty = auto. */
  clientAuthMethod?: string;
}

// RFC 9110 token characters.
const HEADER_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
// Headers the dispatcher sets itself or that change how the request is framed or routed.
const RESERVED_HEADERS = new Set([
  'host',
  'content-type',
  'content-length',
  'content-encoding',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'user-agent',
  'traceparent',
  'tracestate',
  'proxy-authorization',
]);
const RESERVED_PREFIXES = ['webhook-', 'hookline-', 'proxy-', ':'];
// Header values travel on one line; control characters would allow header injection.
const SAFE_VALUE = /^[\t\x20-\x7e\x80-\uffff]+$/;
// RFC 9110 field-value, what an API-key header is sent as: visible Latin-1 characters with inner
// spaces and tabs. Anything else would make every delivery fail when the request is built.
const HEADER_FIELD_VALUE = /^[\x21-\x7e\x80-\xff](?:[\t\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?$/;

function required(value: string, param: string, code: string, what: string, max = 4096): string {
  if (!value || value.length > max || !SAFE_VALUE.test(value)) {
    throw new InputError(`${what} is required (1-${max} characters, no control characters)`, { code, param });
  }
  return value;
}

export async function validateAuth(input: AuthInput | undefined, urlOptions: WebhookUrlOptions): Promise<AuthConfig> {
  const type = input?.type || 'none';
  if (!input || type === 'none') return { type: 'none' };
  switch (type) {
    case 'api_key': {
      const headerName = input.headerName;
      if (!HEADER_TOKEN.test(headerName)) {
        throw new InputError('auth.header_name must be a valid HTTP header name', { code: 'auth_header_name_invalid', param: 'auth.header_name' });
      }
      const lower = headerName.toLowerCase();
      if (RESERVED_HEADERS.has(lower) || RESERVED_PREFIXES.some((p) => lower.startsWith(p))) {
        throw new InputError(`auth.header_name ${headerName} is reserved`, { code: 'auth_header_name_reserved', param: 'auth.header_name' });
      }
      const headerValue = input.headerValue;
      if (!headerValue || headerValue.length > 4096) {
        throw new InputError('auth.value is required (1-4096 characters)', { code: 'auth_value_required', param: 'auth.value' });
      }
      if (!HEADER_FIELD_VALUE.test(headerValue)) {
        throw new InputError('auth.value must be a valid HTTP header value: visible Latin-1 characters, no control characters or leading/trailing spaces', {
          code: 'auth_value_invalid',
          param: 'auth.value',
        });
      }
      return { type, headerName, headerValue };
    }
    case 'basic': {
      const username = required(input.username, 'auth.username', 'auth_username_required', 'auth.username', 200);
      if (username.includes(':')) {
        throw new InputError('auth.username must not contain ":"', { code: 'auth_username_required', param: 'auth.username' });
      }
      return { type, username, password: required(input.password, 'auth.password', 'auth_password_required', 'auth.password', 1000) };
    }
    case 'oauth2': {
      let tokenUrl: string;
      try {
        tokenUrl = await validateWebhookUrl(input.tokenUrl ?? '', urlOptions);
      } catch (error) {
        if (isDomainError(error) && error.kind === 'input') {
          throw new InputError(error.message.replace(/^url/, 'auth.token_url'), { code: error.code, param: 'auth.token_url', cause: error });
        }
        throw error;
      }
      return {
        type,
        tokenUrl,
        clientId: required(input.clientId, 'auth.client_id', 'auth_client_id_required', 'auth.client_id', 500),
        clientSecret: required(input.clientSecret, 'auth.client_secret', 'auth_client_secret_required', 'auth.client_secret', 2000),
        scope: optional(input.scope, 'auth.scope'),
        audience: optional(input.audience, 'auth.audience'),
        clientAuthMethod: clientAuthMethod(input.clientAuthMethod),
      };
    }
    default:
      throw new InputError('auth.type must be none, api_key, basic or oauth2', { code: 'auth_type_invalid', param: 'auth.type' });
  }
}

function clientAuthMethod(value: string | undefined): ClientAuthMethod {
  if (!value) return 'auto';
  if (!CLIENT_AUTH_METHODS.includes(value as ClientAuthMethod)) {
    throw new InputError(`auth.client_auth_method must be one of ${CLIENT_AUTH_METHODS.join(', ')}`, {
      code: 'auth_client_auth_method_invalid',
      param: 'auth.client_auth_method',
    });
  }
  return value as ClientAuthMethod;
}

function optional(value: string, param: string): string {
  if (!value) return '';
  if (value.length > 1000 || !SAFE_VALUE.test(value)) {
    throw new InputError(`${param} must be at most 1000 characters`, { code: 'auth_field_invalid', param });
  }
  return value;
}
