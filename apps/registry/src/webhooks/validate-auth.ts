import { InputError, isDomainError } from '@hookline/errors';
import { validateWebhookUrl, type WebhookUrlOptions } from '@hookline/egress';
import { checkRule } from './check-rule';
import type { AuthConfig, ClientAuthMethod } from '../model/webhook';

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

export async function validateAuth(input: AuthInput | undefined, urlOptions: WebhookUrlOptions): Promise<AuthConfig> {
  const type = input?.type || 'none';
  if (!input || type === 'none') return { type: 'none' };
  switch (type) {
    case 'api_key': {
      const headerName = checkRule('auth.header_name', input.headerName);
      const lower = headerName.toLowerCase();
      if (RESERVED_HEADERS.has(lower) || RESERVED_PREFIXES.some((p) => lower.startsWith(p))) {
        throw new InputError(`auth.header_name ${headerName} is reserved`, { code: 'auth_header_name_reserved', param: 'auth.header_name' });
      }
      const headerValue = checkRule('auth.value', input.headerValue);
      return { type, headerName, headerValue };
    }
    case 'basic': {
      const username = checkRule('auth.username', input.username);
      if (username.includes(':')) {
        throw new InputError('auth.username must not contain ":"', { code: 'auth_username_required', param: 'auth.username' });
      }
      return { type, username, password: checkRule('auth.password', input.password) };
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
        clientId: checkRule('auth.client_id', input.clientId),
        clientSecret: checkRule('auth.client_secret', input.clientSecret),
        scope: checkRule('auth.scope', input.scope ?? ''),
        audience: checkRule('auth.audience', input.audience ?? ''),
        clientAuthMethod: clientAuthMethod(input.clientAuthMethod),
      };
    }
    default:
      checkRule('auth.type', type);
      throw new InputError(`auth.type ${type} is not supported`, { code: 'auth_type_invalid', param: 'auth.type' });
  }
}

function clientAuthMethod(value: string | undefined): ClientAuthMethod {
  if (!value) return 'auto';
  return checkRule('auth.client_auth_method', value as ClientAuthMethod);
}
