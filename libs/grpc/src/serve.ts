import type { Logger } from '@hookline/logging';
import { isReadyNow, startOpsServer, type Readiness, type Registry } from '@hookline/telemetry';
import { startGrpcServer, type GrpcServiceBinding } from './server';
import type { TlsIdentity } from './trust/tls-identity';

export interface ServeOptions {
  name: string;
  logger: Logger;
  grpcPort: number;
  opsPort: number;
  /** Both listeners bind here (HOOKLINE_BIND_HOST): 127.0.0.1 unless a deployment says otherwise. */
  host: string;
  /** The service's mutual-TLS identity (its gRPC listener accepts only callers from the same CA). */
  tls: TlsIdentity;
  services: GrpcServiceBinding[];
  metrics: Registry;
  /** Both gRPC health and HTTP /readyz report this (/readyz with its details). */
  isReady: () => Promise<Readiness>;
}

export interface ServingService {
  grpcPort: number;
  opsPort: number;
  /** Stops taking calls and lets in-flight calls finish. */
  close(): Promise<void>;
}

/** A service's two listeners: gRPC (its API + grpc.health.v1) and HTTP ops (/healthz, /readyz, /metrics). */
export async function serve(options: ServeOptions): Promise<ServingService> {
  const grpc = await startGrpcServer(
    { name: options.name, logger: options.logger, services: options.services, tls: options.tls, metrics: options.metrics, isHealthy: async () => isReadyNow(await options.isReady()) },
    options.grpcPort,
    options.host,
  );
  const ops = await startOpsServer({ port: options.opsPort, host: options.host, metrics: options.metrics, isReady: options.isReady });
  options.logger.info({ grpcPort: grpc.port, opsPort: ops.port }, `${options.name} serving`);
  return {
    grpcPort: grpc.port,
    opsPort: ops.port,
    close: async () => {
      await ops.close();
      await grpc.shutdown();
    },
  };
}
