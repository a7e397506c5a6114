import type { Database } from '@hookline/db';
import type { WebhookUrlOptions } from '@hookline/egress';
import { bindService, serve, type ServingService, type TlsIdentity } from '@hookline/grpc';
import { consumersHealth, type deadLetterHandlers, type RunningConsumer } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { deadlettersV1, dispatcherV1 } from '@hookline/proto';
import type { SecretBox } from '@hookline/secrets';
import type { Registry } from '@hookline/telemetry';
import type { DispatcherConfig } from './config';
import type { DeliveriesApiDeps } from './api/deliveries-api';
import { deliveryHandlers } from './rpc/deliveries';
import { notificationChannelHandlers } from './rpc/notification-channels';
import { ping } from './rpc/ping';
import { relayHandlers } from './rpc/relay';
import { statsHandlers } from './rpc/stats';

export interface ServerDeps {
  logger: Logger;
  tls: TlsIdentity;
  metrics: Registry;
  db: Pick<Database, 'isHealthy'>;
  consumers: RunningConsumer[];
  deliveries: DeliveriesApiDeps;
  deadLetters: ReturnType<typeof deadLetterHandlers>;
  /** How notification channels' chat URLs are validated (as webhook URLs are). */
  channelUrls: WebhookUrlOptions;
  /** Seals and opens notification channels' chat targets. */
  channelBox: SecretBox;
}

/** The dispatcher's gRPC services (deliveries API, stats, dead letters) and its probes and metrics. */
export function serveDispatcher(config: DispatcherConfig, deps: ServerDeps): Promise<ServingService> {
  return serve({
    name: 'dispatcher',
    logger: deps.logger,
    host: config.HOOKLINE_BIND_HOST,
    tls: deps.tls,
    grpcPort: config.HOOKLINE_DISPATCHER_PORT,
    opsPort: config.HOOKLINE_DISPATCHER_OPS_PORT,
    metrics: deps.metrics,
    // Ready while the database answers and no consumer is stuck (a crashed one restarts; one
    // that stays down or behind past the bound fails this, so an orchestrator restarts us).
    isReady: async () => {
      const health = consumersHealth(deps.consumers);
      const database = await deps.db.isHealthy();
      return { ready: database && health.healthy, database, consumers: health.consumers };
    },
    services: [
      bindService(dispatcherV1.DispatcherServiceService, { ping, ...deliveryHandlers(deps.deliveries), ...statsHandlers(deps.deliveries.pool), ...notificationChannelHandlers(deps.deliveries.pool, deps.channelBox, deps.channelUrls), ...relayHandlers(deps.deliveries) }),
      bindService(deadlettersV1.DeadLetterServiceService, { listDeadLetters: deps.deadLetters.listDeadLetters, replayDeadLetter: deps.deadLetters.replayDeadLetter }),
    ],
  });
}
