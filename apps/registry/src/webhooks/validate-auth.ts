import { InputError, isDomainError } from '@hookline/errors';
import { validateWebhookUrl, type WebhookUrlOptions } from '@hookline/egress';
import { checkRule } from './check-rule';
import { DEFAULT_CLIENT_AUTH_METHOD, type ClientAuthMethod, type SubmittedEndpointAuth } from '@hookline/contract';
import type { AuthConfig } from '../model/webhook';

/** Endpoint auth as submitted (REST `auth` object): the contract's union, values unchecked. */
export type AuthInput = SubmittedEndpointAuth;

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
  if (!input) return { type: 'none' };
  switch (input.type) {
    case 'none':
      return { type: 'none' };
    case 'api_key': {
      const headerName = checkRule('auth.header_name', input.headerName);
      const lower = headerName.toLowerCase();
      if (RESERVED_HEADERS.has(lower) || RESERVED_PREFIXES.some((p) => lower.startsWith(p))) {
        throw new InputError(`auth.header_name ${headerName} is reserved`, { code: 'auth_header_name_reserved', param: 'auth.header_name' });
      }
      return { type: 'api_key', headerName, value: checkRule('auth.value', input.value) };
    }
    case 'basic': {
      const username = checkRule('auth.username', input.username);
      if (username.includes(':')) {
        throw new InputError('auth.username must not contain ":"', { code: 'auth_username_required', param: 'auth.username' });
      }
      return { type: 'basic', username, password: checkRule('auth.password', input.password) };
    }
    case 'oauth2': {
      let tokenUrl: string;
      try {
        tokenUrl = await validateWebhookUrl(input.tokenUrl, urlOptions);
      } catch (error) {
        if (isDomainError(error) && error.kind === 'input') {
          throw new InputError(error.message.replace(/^url/, 'auth.token_url'), { code: error.code, param: 'auth.token_url', cause: error });
        }
        throw error;
      }
      return {
        type: 'oauth2',
        tokenUrl,
        clientId: checkRule('auth.client_id', input.clientId),
        clientSecret: checkRule('auth.client_secret', input.clientSecret),
        scope: checkRule('auth.scope', input.scope),
        audience: checkRule('auth.audience', input.audience),
        clientAuthMethod: clientAuthMethod(input.clientAuthMethod),
      };
    }
    default:
      throw new InputError(`auth.type ${(input as { type: unknown }).type} is not supported`, { code: 'auth_type_invalid', param: 'auth.type' });
  }
}

function clientAuthMethod(value: string): ClientAuthMethod {
  if (!value) return DEFAULT_CLIENT_AUTH_METHOD;
  return checkRule('auth.client_auth_method', value as ClientAuthMethod);
}
