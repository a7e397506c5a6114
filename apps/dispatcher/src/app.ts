import type { z } from '@hookline/config';
import { serve, bindService } from '@hookline/grpc';
import type { Logger } from '@hookline/logging';
import { dispatcherV1 } from '@hookline/proto';
import { createMetricsRegistry } from '@hookline/telemetry';
import type { dispatcherEnv } from './config';
import { ping } from './rpc/ping';

export type DispatcherConfig = z.infer<z.ZodObject<typeof dispatcherEnv>>;

export interface RunningDispatcher {
  grpcPort: number;
  opsPort: number;
  stop(): Promise<void>;
}

/** Wires the dispatcher: its database, its outbox relay and its gRPC API. */
export async function startDispatcher(config: DispatcherConfig, logger: Logger): Promise<RunningDispatcher> {
  const metrics = createMetricsRegistry('dispatcher');
  const server = await serve({
    name: 'dispatcher',
    logger,
    grpcPort: config.HOOKLINE_DISPATCHER_PORT,
    opsPort: config.HOOKLINE_DISPATCHER_OPS_PORT,
    metrics,
    isReady: async () => true,
    services: [bindService(dispatcherV1.DispatcherServiceService, { ping })],
  });
  return {
    grpcPort: server.grpcPort,
    opsPort: server.opsPort,
    stop: () => server.close(),
  };
}
