// Starts oidc-provider-process.mjs (a real oidc-provider) and talks to it as a resource server would.
import { startProcess, waitFor, type StartedProcess } from '@hookline/testing';
import { join } from 'node:path';

export interface RegisteredClient {
  client_id: string;
  client_secret: string;
  token_endpoint_auth_method: 'client_secret_basic' | 'client_secret_post';
}

export interface TokenRequestSeen {
  client_id: string;
  /** Credentials in an HTTP Basic authorization header. */
  basic: boolean;
  /** client_secret in the form body. */
  body_secret: boolean;
  status: number;
  error?: string;
}

export interface AuthorizationServer {
  issuer: string;
  tokenUrl: string;
  /** RFC 7662 introspection, authenticated as the resource server. */
  introspect(token: string): Promise<{ active: boolean; client_id?: string }>;
  tokenRequests(): Promise<TokenRequestSeen[]>;
  stop(): Promise<void>;
}

export async function startAuthorizationServer(clients: RegisteredClient[]): Promise<AuthorizationServer> {
  const child: StartedProcess = startProcess(process.execPath, [join(__dirname, 'oidc-provider-process.mjs'), JSON.stringify(clients)], {});
  const line = await waitFor(() => child.output().split('\n').find((l) => l.startsWith('{"issuer"')), {
    timeoutMs: 60_000,
    message: 'the authorization server to listen',
  });
  const { issuer, introspection } = JSON.parse(line) as { issuer: string; introspection: { client_id: string; client_secret: string } };
  const resourceServer = `Basic ${Buffer.from(`${introspection.client_id}:${introspection.client_secret}`).toString('base64')}`;
  return {
    issuer,
    tokenUrl: `${issuer}/token`,
    async introspect(token) {
      const response = await fetch(`${issuer}/token/introspection`, {
        method: 'POST',
        headers: { authorization: resourceServer, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }).toString(),
      });
      return (await response.json()) as { active: boolean; client_id?: string };
    },
    async tokenRequests() {
      return (await (await fetch(`${issuer}/test/token-requests`)).json()) as TokenRequestSeen[];
    },
    async stop() {
      await child.stop(5_000);
    },
  };
}
