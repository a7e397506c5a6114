import type { Router } from 'express';
import { isServing, type TlsIdentity } from '@hookline/grpc';
import { strictRouter } from '../http/strict-router';

/**
 * `/healthz`: the gateway process is alive. `/readyz`: the gateway can take traffic — its own
 * database answers. It does not cascade: a backing service that is briefly down leaves the
 * gateway ready (its routes that need that service answer 503 meanwhile) and is only reported
 * in `services`. `/readyz?all=true` also requires every backing service to answer SERVING
 * (what `npm start` waits for).
 */
export function healthRoutes(addresses: Record<string, string>, tls: TlsIdentity, databaseHealthy: () => Promise<boolean>): Router {
  const router = strictRouter();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    const [database, ...backends] = await Promise.all([
      databaseHealthy().catch(() => false),
      ...Object.entries(addresses).map(async ([name, address]) => [name, await isServing(address, tls, 1_000, name)] as const),
    ]);
    const services = { ...Object.fromEntries(backends), database };
    const ready = req.query.all === 'true' ? database && backends.every(([, ok]) => ok) : database;
    res.status(ready ? 200 : 503).json({ ready, services });
  });
  return router;
}
