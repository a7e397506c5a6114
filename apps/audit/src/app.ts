import type { z } from '@hookline/config';
import { serve, bindService } from '@hookline/grpc';
import type { Logger } from '@hookline/logging';
import { auditV1 } from '@hookline/proto';
import { createMetricsRegistry } from '@hookline/telemetry';
import type { auditEnv } from './config';
import { ping } from './rpc/ping';

export type AuditConfig = z.infer<z.ZodObject<typeof auditEnv>>;

export interface RunningAudit {
  grpcPort: number;
  opsPort: number;
  stop(): Promise<void>;
}

/** Wires the audit: its database, its outbox relay and its gRPC API. */
export async function startAudit(config: AuditConfig, logger: Logger): Promise<RunningAudit> {
  const metrics = createMetricsRegistry('audit');
  const server = await serve({
    name: 'audit',
    logger,
    grpcPort: config.HOOKLINE_AUDIT_PORT,
    opsPort: config.HOOKLINE_AUDIT_OPS_PORT,
    metrics,
    isReady: async () => true,
    services: [bindService(auditV1.AuditServiceService, { ping })],
  });
  return {
    grpcPort: server.grpcPort,
    opsPort: server.opsPort,
    stop: () => server.close(),
  };
}
