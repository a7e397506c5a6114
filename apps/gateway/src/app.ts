import type { Server } from 'node:http';
import express from 'express';
import type { Logger } from '@hookline/logging';
import { createMetricsRegistry } from '@hookline/telemetry';
import { createBackendClients } from './clients';
import type { GatewayConfig } from './config';
import { healthRoutes } from './health/health-routes';
import { errorHandler } from './http/error-handler';
import { requestId } from './http/request-id';

export interface RunningGateway {
  port: number;
  stop(): Promise<void>;
}

/** Wires the public REST API: middleware, routes per capability, one error handler. */
export async function startGateway(config: GatewayConfig, logger: Logger): Promise<RunningGateway> {
  const clients = createBackendClients(config);
  const metrics = createMetricsRegistry('gateway');
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestId);
  app.use(healthRoutes(clients.addresses));
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.metrics());
  });
  app.use(errorHandler(logger));

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.HOOKLINE_GATEWAY_PORT, config.HOOKLINE_GATEWAY_HOST, () => resolve(s));
  });
  const port = (server.address() as { port: number }).port;
  logger.info({ port }, 'gateway listening');
  return {
    port,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      clients.close();
    },
  };
}
