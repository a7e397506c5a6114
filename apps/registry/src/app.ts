// READ FIRST (temporary note for the engineer on this service): /tmp/common-brief.md (project context, existing libs, rules) and /tmp/issue3.md (the issue). Remove this line when done.
import type { z } from '@hookline/config';
import { serve, bindService } from '@hookline/grpc';
import type { Logger } from '@hookline/logging';
import { registryV1 } from '@hookline/proto';
import { createMetricsRegistry } from '@hookline/telemetry';
import type { registryEnv } from './config';
import { ping } from './rpc/ping';

export type RegistryConfig = z.infer<z.ZodObject<typeof registryEnv>>;

export interface RunningRegistry {
  grpcPort: number;
  opsPort: number;
  stop(): Promise<void>;
}

/** Wires the registry: its database, its outbox relay and its gRPC API. */
export async function startRegistry(config: RegistryConfig, logger: Logger): Promise<RunningRegistry> {
  const metrics = createMetricsRegistry('registry');
  const server = await serve({
    name: 'registry',
    logger,
    grpcPort: config.HOOKLINE_REGISTRY_PORT,
    opsPort: config.HOOKLINE_REGISTRY_OPS_PORT,
    metrics,
    isReady: async () => true,
    services: [bindService(registryV1.RegistryServiceService, { ping })],
  });
  return {
    grpcPort: server.grpcPort,
    opsPort: server.opsPort,
    stop: () => server.close(),
  };
}
