// A real OAuth 2.0 authorization server (oidc-provider, OpenID certified) on loopback, for the
// delivery tests. It is ESM-only, so it runs as its own process: argv[2] holds the clients as JSON
// ([{client_id, client_secret, token_endpoint_auth_method}]); the first stdout line is
// {"issuer", "introspection": {client_id, client_secret}}. GET /test/token-requests lists how each
// token request presented its credentials.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const clients = JSON.parse(process.argv[2] ?? '[]');
const introspection = { client_id: 'resource-server', client_secret: randomBytes(24).toString('base64url') };
/** @type {{ client_id: string, basic: boolean, body_secret: boolean, status: number, error?: string }[]} */
const tokenRequests = [];
let handle = (_req, res) => res.writeHead(503).end();

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/test/token-requests') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(tokenRequests));
    return;
  }
  handle(req, res);
});

server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      ...clients.map((client) => ({ ...client, grant_types: ['client_credentials'], redirect_uris: [], response_types: [] })),
      { ...introspection, token_endpoint_auth_method: 'client_secret_basic', grant_types: [], redirect_uris: [], response_types: [] },
    ],
    features: {
      clientCredentials: { enabled: true },
      introspection: { enabled: true, allowedPolicy: async (_ctx, client) => client.clientId === introspection.client_id },
      devInteractions: { enabled: false },
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path !== '/token') return;
    const params = ctx.oidc?.params ?? {};
    tokenRequests.push({
      client_id: ctx.oidc?.client?.clientId ?? params.client_id ?? '',
      basic: /^basic /i.test(ctx.headers.authorization ?? ''),
      body_secret: typeof params.client_secret === 'string',
      status: ctx.status,
      ...(ctx.body?.error ? { error: ctx.body.error } : {}),
    });
  });
  handle = provider.callback();
  process.stdout.write(`${JSON.stringify({ issuer, introspection })}\n`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
