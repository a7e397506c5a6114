import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export interface OpsServerOptions {
  port: number;
  host?: string;
  metrics: Registry;
  /** Readiness: every dependency the service needs answers (with details for /readyz). */
  isReady: () => Promise<Readiness>;
}

/** `true`/`false`, or an object whose `ready` decides and whose other fields /readyz shows. */
export type Readiness = boolean | ({ ready: boolean } & Record<string, unknown>);

export function isReadyNow(readiness: Readiness): boolean {
  return typeof readiness === 'boolean' ? readiness : readiness.ready;
}

export interface RunningOpsServer {
  port: number;
  close(): Promise<void>;
}

/** `/healthz` (alive), `/readyz` (ready to serve), `/metrics` (Prometheus) for a service. */
export async function startOpsServer(options: OpsServerOptions): Promise<RunningOpsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else if (path === '/readyz') {
      options.isReady().then(
        (readiness) => {
          const body = typeof readiness === 'boolean' ? { ready: readiness } : readiness;
          res.writeHead(body.ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        },
        () => res.writeHead(503, { 'content-type': 'application/json' }).end('{"ready":false}'),
      );
    } else if (path === '/metrics') {
      options.metrics.metrics().then(
        (body) => res.writeHead(200, { 'content-type': options.metrics.contentType }).end(body),
        () => res.writeHead(500).end(),
      );
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
