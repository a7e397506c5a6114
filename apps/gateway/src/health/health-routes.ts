import { Router } from 'express';
import { isServing, type TlsIdentity } from '@hookline/grpc';

/**
 * `/healthz`: the gateway process is alive. `/readyz`: its database answers and every backing
 * service answers SERVING.
 */
export function healthRoutes(addresses: Record<string, string>, tls: TlsIdentity, databaseHealthy: () => Promise<boolean>): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const entries = await Promise.all([
      (async () => ['database', await databaseHealthy()] as const)(),
      ...Object.entries(addresses).map(async ([name, address]) => [name, await isServing(address, tls, 1_000)] as const),
    ]);
    const services = Object.fromEntries(entries);
    const ready = entries.every(([, ok]) => ok);
    res.status(ready ? 200 : 503).json({ ready, services });
  });
  return router;
}
