import type { Agent } from 'undici';
import type { DeliveryConfig } from '../webhook-config/delivery-config';
import { requestToken, TokenRequestError, type CredentialPlacement, type IssuedToken, type OAuth2 } from './oauth2-token-request';

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
 * The client authenticates to the token endpoint as `client_auth_method` says (see requestWithMethod).
 */
export class EndpointAuthenticator {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly fetching = new Map<string, Promise<CachedToken>>();
  /** `auto` webhooks: how the credentials were last accepted (kept across config changes of the same client). */
  private readonly placements = new Map<string, { tokenUrl: string; clientId: string; placement: Exclude<CredentialPlacement, 'both'> }>();

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
    const issued = await this.requestWithMethod(config, auth);
    const lifetimeMs = (issued.expiresIn ?? DEFAULT_TOKEN_LIFETIME_S) * 1000;
    const margin = Math.min(REFRESH_MARGIN_MS, lifetimeMs / 10);
    return { value: issued.accessToken, refreshAt: Date.now() + lifetimeMs - margin, version: config.version };
  }

  /**
   * A configured method is used as is. `auto` starts with what last worked for this webhook (HTTP
   * Basic at first) and, when the server refuses the client authentication, tries the form body:
   * RFC 6749 §2.3 lets a client use only one method per request, so strict servers refuse both.
   */
  private async requestWithMethod(config: DeliveryConfig, auth: OAuth2): Promise<IssuedToken> {
    const options = { userAgent: this.userAgent, timeoutMs: config.timeoutMs };
    if (auth.clientAuthMethod !== 'auto') return requestToken(this.agent, auth, auth.clientAuthMethod, options);
    const learned = this.placements.get(config.webhookId);
    const first = learned && learned.tokenUrl === auth.tokenUrl && learned.clientId === auth.clientId ? learned.placement : 'client_secret_basic';
    const second = first === 'client_secret_basic' ? 'client_secret_post' : 'client_secret_basic';
    let placement: CredentialPlacement = first;
    let issued: IssuedToken;
    try {
      issued = await requestToken(this.agent, auth, first, options);
    } catch (error) {
      if (!(error instanceof TokenRequestError) || !error.clientAuthRefused) throw error;
      try {
        issued = await requestToken(this.agent, auth, second, options);
        placement = second;
      } catch (again) {
        throw again instanceof TokenRequestError ? new TokenRequestError(`${error.message}; then ${again.message}`, again.clientAuthRefused, again) : again;
      }
    }
    this.placements.set(config.webhookId, { tokenUrl: auth.tokenUrl, clientId: auth.clientId, placement });
    return issued;
  }
}
