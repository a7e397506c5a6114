import type { z } from '@hookline/config';
import { serve, bindService } from '@hookline/grpc';
import type { Logger } from '@hookline/logging';
import { ingestionV1 } from '@hookline/proto';
import { createMetricsRegistry } from '@hookline/telemetry';
import type { ingestionEnv } from './config';
import { ping } from './rpc/ping';

export type IngestionConfig = z.infer<z.ZodObject<typeof ingestionEnv>>;

export interface RunningIngestion {
  grpcPort: number;
  opsPort: number;
  stop(): Promise<void>;
}

/** Wires the ingestion: its database, its outbox relay and its gRPC API. */
export async function startIngestion(config: IngestionConfig, logger: Logger): Promise<RunningIngestion> {
  const metrics = createMetricsRegistry('ingestion');
  const server = await serve({
    name: 'ingestion',
    logger,
    grpcPort: config.HOOKLINE_INGESTION_PORT,
    opsPort: config.HOOKLINE_INGESTION_OPS_PORT,
    metrics,
    isReady: async () => true,
    services: [bindService(ingestionV1.IngestionServiceService, { ping })],
  });
  return {
    grpcPort: server.grpcPort,
    opsPort: server.opsPort,
    stop: () => server.close(),
  };
}
