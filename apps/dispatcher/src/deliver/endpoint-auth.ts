import type { Agent } from 'undici';
import type { DeliveryConfig, EndpointAuth } from '../webhook-config/delivery-config';
import { SendError } from './attempt-error';
import { post } from './send';

type OAuth2 = Extract<EndpointAuth, { type: 'oauth2' }>;

interface CachedToken {
  value: string;
  /** Epoch ms after which the token is not used any more (shortly before it expires). */
  refreshAt: number;
  version: number;
}

const DEFAULT_TOKEN_LIFETIME_S = 300;
/** Refresh this long before expiry (at most a tenth of the lifetime for short-lived tokens). */
const REFRESH_MARGIN_MS = 30_000;

/**
 * The endpoint credentials of a webhook as request headers: a fixed API key header, HTTP Basic,
 * or an OAuth2 client-credentials bearer token fetched from the token URL and cached until
 * shortly before `expires_in`. Token fetches for one webhook are shared by concurrent sends.
 */
export class EndpointAuthenticator {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly fetching = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly agent: Agent,
    private readonly userAgent: string,
  ) {}

  forget(webhookId: string): void {
    this.tokens.delete(webhookId);
  }

  /** Headers to add; throws SendError class `auth` when a token cannot be obtained. */
  async headers(config: DeliveryConfig, options: { staleToken?: string } = {}): Promise<Record<string, string>> {
    const auth = config.auth;
    switch (auth.type) {
      case 'api_key':
        return { [auth.headerName.toLowerCase()]: auth.value };
      case 'basic':
        return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
      case 'oauth2':
        return { authorization: `Bearer ${await this.token(config, auth, options.staleToken)}` };
      default:
        return {};
    }
  }

  /** Header names whose values are credentials (redacted in the attempt log). */
  secretHeaders(config: DeliveryConfig): string[] {
    return config.auth.type === 'api_key' ? [config.auth.headerName.toLowerCase()] : config.auth.type === 'none' ? [] : ['authorization'];
  }

  /** A valid token; `staleToken` (refused by the endpoint with 401) forces a new one unless already replaced. */
  private async token(config: DeliveryConfig, auth: OAuth2, staleToken?: string): Promise<string> {
    const cached = this.tokens.get(config.webhookId);
    if (cached && cached.version === config.version && cached.refreshAt > Date.now() && cached.value !== staleToken) return cached.value;
    let pending = this.fetching.get(config.webhookId);
    if (!pending) {
      pending = this.fetchToken(config, auth).finally(() => this.fetching.delete(config.webhookId));
      this.fetching.set(config.webhookId, pending);
    }
    const token = await pending;
    this.tokens.set(config.webhookId, token);
    return token.value;
  }

  private async fetchToken(config: DeliveryConfig, auth: OAuth2): Promise<CachedToken> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: auth.clientId, client_secret: auth.clientSecret });
    if (auth.scope) form.set('scope', auth.scope);
    if (auth.audience) form.set('audience', auth.audience);
    // RFC 6749 §2.3.1: client_secret_basic form-encodes id and secret before base64; some
    // servers only read the body (client_secret_post), so both are sent.
    const basic = Buffer.from(`${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`).toString('base64');
    let response;
    try {
      response = await post(
        this.agent,
        auth.tokenUrl,
        {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          authorization: `Basic ${basic}`,
          'user-agent': this.userAgent,
        },
        form.toString(),
        config.timeoutMs,
      );
    } catch (error) {
      throw new SendError('auth', `OAuth2 token request failed: ${(error as Error).message}`, error);
    }
    if (response.status < 200 || response.status >= 300) {
      throw new SendError('auth', `OAuth2 token endpoint answered ${response.status}`);
    }
    let body: { access_token?: unknown; expires_in?: unknown };
    try {
      body = JSON.parse(response.body) as typeof body;
    } catch {
      throw new SendError('auth', 'OAuth2 token endpoint answered something that is not JSON');
    }
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new SendError('auth', 'OAuth2 token endpoint answered without an access_token');
    }
    const lifetimeMs = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_LIFETIME_S) * 1000;
    const margin = Math.min(REFRESH_MARGIN_MS, lifetimeMs / 10);
    return { value: body.access_token, refreshAt: Date.now() + lifetimeMs - margin, version: config.version };
  }
}
