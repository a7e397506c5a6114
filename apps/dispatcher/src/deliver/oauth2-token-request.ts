import type { Agent } from 'undici';
import { cleanText, type EndpointAuth } from '@hookline/contract';
import { SendError } from './attempt-error';
import { post } from './send';

export type OAuth2 = Extract<EndpointAuth, { type: 'oauth2' }>;
/** A single way of presenting the client credentials (RFC 6749 §2.3.1), or both at once. */
export type CredentialPlacement = 'client_secret_basic' | 'client_secret_post' | 'both';

export interface IssuedToken {
  accessToken: string;
  /** Seconds, when the server said. */
  expiresIn: number | undefined;
}

/**
 * Why the token endpoint refused: the OAuth2 error response (RFC 6749 §5.2) verbatim when it
 * sent one. `clientAuthRefused` tells `auto` that another placement of the credentials may work.
 */
export class TokenRequestError extends SendError {
  constructor(
    message: string,
    readonly clientAuthRefused: boolean,
    cause?: unknown,
  ) {
    super('auth', message, cause);
  }
}

/** The errors a server answers when it does not accept how the client authenticated. */
const CLIENT_AUTH_ERRORS = new Set(['invalid_client', 'invalid_request']);

/** One client-credentials token request with the credentials placed as asked. */
export async function requestToken(
  agent: Agent,
  auth: OAuth2,
  placement: CredentialPlacement,
  options: { userAgent: string; timeoutMs: number },
): Promise<IssuedToken> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
    'user-agent': options.userAgent,
  };
  if (placement !== 'client_secret_post') {
    // RFC 6749 §2.3.1: id and secret are form-encoded before base64.
    const basic = Buffer.from(`${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`).toString('base64');
    headers.authorization = `Basic ${basic}`;
  }
  if (placement !== 'client_secret_basic') {
    form.set('client_id', auth.clientId);
    form.set('client_secret', auth.clientSecret);
  }
  if (auth.scope) form.set('scope', auth.scope);
  if (auth.audience) form.set('audience', auth.audience);

  let response;
  try {
    response = await post(agent, auth.tokenUrl, headers, form.toString(), options.timeoutMs);
  } catch (error) {
    throw new TokenRequestError(`OAuth2 token request failed: ${(error as Error).message}`, false, error);
  }
  let body: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } | undefined;
  try {
    body = JSON.parse(response.body) as typeof body;
  } catch {
    body = undefined;
  }
  if (response.status < 200 || response.status >= 300) {
    // The token endpoint is the tenant's: what it says is cleaned (NUL, lone surrogates, size)
    // before it becomes the attempt's error.
    const error = typeof body?.error === 'string' ? cleanText(body.error, 100) : '';
    const description = typeof body?.error_description === 'string' ? cleanText(body.error_description, 500) : '';
    const detail = error ? `: ${error}${description ? `: ${description}` : ''}` : '';
    throw new TokenRequestError(
      `OAuth2 token endpoint answered ${response.status} (client auth ${placement})${detail}`,
      (response.status === 400 || response.status === 401) && CLIENT_AUTH_ERRORS.has(error),
    );
  }
  if (!body) throw new TokenRequestError('OAuth2 token endpoint answered something that is not JSON', false);
  if (typeof body.access_token !== 'string' || body.access_token === '') {
    throw new TokenRequestError('OAuth2 token endpoint answered without an access_token', false);
  }
  return { accessToken: body.access_token, expiresIn: typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : undefined };
}
