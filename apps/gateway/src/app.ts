import type { Server } from 'node:http';
import express from 'express';
import { producerKey } from '@hookline/contract';
import { NotFoundError } from '@hookline/errors';
import { createCursorSeal } from '@hookline/ids';
import { kafkaSecurity, topicNames } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import { createSecretBox, resolveMasterKeys } from '@hookline/secrets';
import { createMetricsRegistry, startOpsServer } from '@hookline/telemetry';
import { adminRoutes } from './admin/admin-routes';
import { apiKeyRoutes } from './api-keys/api-key-routes';
import { approvalRoutes } from './decisions/approval-routes';
import { auditLogRoutes } from './audit-logs/audit-log-routes';
import { accessAuditTrail } from './audit-trail/access-audit';
import { ApiKeyAuthenticator } from './auth/api-key-authenticator';
import { CredentialFeed } from './auth/credential-feed';
import { FailedAuthentications } from './auth/failed-authentications';
import { createBackendClients, loadGatewayTls } from './clients';
import { deadLetterRoutes } from './dead-letters/dead-letter-routes';
import { dashboardRoutes } from './dashboard/dashboard-routes';
import { deliveryRoutes } from './deliveries/delivery-routes';
import type { GatewayConfig } from './config';
import { openGatewayDatabase } from './db/gateway-database';
import { eventTypeRoutes } from './event-types/event-type-routes';
import { eventTypeSchemaRoutes } from './event-types/event-type-schema-routes';
import { eventRoutes } from './events/event-routes';
import { healthRoutes } from './health/health-routes';
import { accessLog } from './http/access-log';
import { errorHandler } from './http/error-handler';
import { mountRoutes } from './pipeline/mount-routes';
import { RequestRateLimiter } from './http/rate-limit';
import { requestId } from './http/request-id';
import { cursorKey } from './http/cursor-key';
import { setPublicUrl } from './http/public-url';
import { responseHeaders } from './http/response-headers';
import { requestMetrics } from './http/request-metrics';
import type { RouteDefinition } from './http/route';
import { IdempotencyStore } from './idempotency/idempotency-store';
import { LastKnownAnswers } from './last-known/last-known-answers';
import { openApiRoutes } from './openapi/openapi-routes';
import { portalInfo } from './portal-sessions/portal-session-json';
import { portalSessionRoutes } from './portal-sessions/portal-session-routes';
import { sessionRoutes } from './session/session-routes';
import { notificationChannelRoutes } from './notification-channels/notification-channel-routes';
import { relayRoutes } from './relay/relay-routes';
import { settingsRoutes } from './settings/settings-routes';
import { wireProfileRoutes } from './wire-profiles/wire-profile-routes';
import { statsRoutes } from './stats/stats-routes';
import { webhookRoutes } from './webhooks/webhook-routes';

/**
 * Every REST route of the API, one line per capability (see src/http/README.md). Order does not
 * matter: static path segments are matched before parameters.
 */
export const apiRoutes: readonly RouteDefinition[] = [
  ...adminRoutes,
  ...deadLetterRoutes,
  ...apiKeyRoutes,
  ...webhookRoutes,
  ...eventTypeRoutes,
  ...eventTypeSchemaRoutes,
  ...eventRoutes,
  ...deliveryRoutes,
  ...settingsRoutes,
  ...wireProfileRoutes,
  ...notificationChannelRoutes,
  ...relayRoutes,
  ...approvalRoutes,
  ...auditLogRoutes,
  ...sessionRoutes,
  ...portalSessionRoutes,
  ...statsRoutes,
];

const API_VERSION = '0.1.0';
const IDEMPOTENCY_CLEANUP_MS = 10 * 60_000;
/** A registry that hangs must not hold a request longer than this before a cached credential is used. */
const CREDENTIAL_LOOKUP_DEADLINE_MS = 5_000;
const FEED_START_WAIT_MS = 10_000;

export interface RunningGateway {
  port: number;
  opsPort: number;
  stop(): Promise<void>;
}

/** Wires the public REST API: middleware, routes per capability, one error handler. */
export async function startGateway(config: GatewayConfig, logger: Logger): Promise<RunningGateway> {
  // Its mutual-TLS identity first: a wrong certificate stops the gateway before it opens anything.
  const tls = loadGatewayTls(config);
  const database = await openGatewayDatabase(config.DATABASE_URL, config.HOOKLINE_GATEWAY_DB_SCHEMA, logger, { poolSize: config.DATABASE_POOL_SIZE, caFile: config.DATABASE_SSL_CA_FILE });
  const keys = resolveMasterKeys(config, (message) => logger.warn(message));
  const idempotency = new IdempotencyStore(database, createSecretBox(keys.current, { purpose: 'gateway idempotency', previous: keys.previous }));
  // A rotation (HOOKLINE_MASTER_KEY_PREVIOUS set): stored responses are re-sealed under the new key before serving.
  await idempotency.reencrypt();
  const cleanup = setInterval(() => {
    idempotency.deleteExpired().catch((error) => logger.warn({ err: error }, 'idempotency key cleanup failed'));
  }, IDEMPOTENCY_CLEANUP_MS).unref();
  await idempotency.deleteExpired();

  const metrics = createMetricsRegistry('gateway');
  const clients = createBackendClients(config, tls, metrics);
  // Credentials come from a cache the registry's credential feed keeps current, so REST keeps
  // serving while the registry restarts; the feed is followed before the gateway serves.
  const credentialFeed = new CredentialFeed({
    brokers: config.KAFKA_BROKERS,
    security: kafkaSecurity(config),
    topic: topicNames(config.HOOKLINE_TOPIC_PREFIX).credentialChanges,
    groupPrefix: config.HOOKLINE_TOPIC_PREFIX,
    logger,
    metrics,
  });
  const apiKeys = new ApiKeyAuthenticator(
    async (key) => {
      const { actor, portalSession } = await clients.registry.authenticateApiKey({ key }, { deadlineMs: CREDENTIAL_LOOKUP_DEADLINE_MS });
      return { keyId: actor?.keyId ?? '', owner: actor?.owner ?? '', role: (actor?.role ?? '') as never, orgId: actor?.orgId ?? '', portal: portalInfo(portalSession) };
    },
    { maxEntries: config.HOOKLINE_CREDENTIAL_CACHE_SIZE, feed: credentialFeed },
  );
  credentialFeed.start(apiKeys);
  // Serve once the feed runs; a broker that is away only delays that briefly (keys are then checked with the registry).
  await Promise.race([credentialFeed.started(), new Promise((resolve) => setTimeout(resolve, FEED_START_WAIT_MS).unref())]);

  const app = express();
  app.disable('x-powered-by');
  setPublicUrl(app, config.HOOKLINE_PUBLIC_URL);
  // X-Forwarded-For names the client only when the peer is a proxy the deployment trusts (none by default).
  app.set('trust proxy', config.HOOKLINE_TRUSTED_PROXIES.length > 0 ? config.HOOKLINE_TRUSTED_PROXIES : false);
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  app.use(requestId);
  app.use(accessLog(logger));
  app.use(responseHeaders);
  app.use(requestMetrics(metrics));
  app.use(healthRoutes(clients.addresses, clients.tls, () => database.isHealthy()));
  app.use(
    accessAuditTrail({
      brokers: config.KAFKA_BROKERS,
      security: kafkaSecurity(config),
      topicPrefix: config.HOOKLINE_TOPIC_PREFIX,
      // Access records prove they come from the gateway: signed with its service certificate's key.
      signer: producerKey(tls.cert, tls.key),
      logger,
      metrics,
    }),
  );
  app.use(
    openApiRoutes(apiRoutes, { version: API_VERSION, publicUrl: config.HOOKLINE_PUBLIC_URL }, async () =>
      (await clients.registry.listEventTypes({}, { deadlineMs: 2_000 })).eventTypes.map((t) => ({
        type: t.type,
        group: t.group,
        name: t.name,
        description: t.description,
        ...(t.schemaJson ? { schema: JSON.parse(t.schemaJson) } : {}),
      })),
    ),
  );
  app.use(
    mountRoutes(apiRoutes, {
      clients,
      auth: {
        apiKeys,
        operatorKey: config.HOOKLINE_OPERATOR_KEY,
        failures: new FailedAuthentications({ burst: config.HOOKLINE_AUTH_FAILURE_BURST, perSecond: config.HOOKLINE_AUTH_FAILURE_RPS }),
      },
      rateLimiter: new RequestRateLimiter(config.HOOKLINE_API_RATE_LIMIT_RPS),
      idempotency,
      cursors: createCursorSeal(cursorKey(keys.current)),
      lastKnown: new LastKnownAnswers(),
    }),
  );
  app.use(dashboardRoutes({ directory: config.HOOKLINE_DASHBOARD_DIR, frameAncestors: config.HOOKLINE_DASHBOARD_FRAME_ANCESTORS }));
  app.use((req, _res, next) => next(new NotFoundError(`No route ${req.method} ${req.path}.`, { code: 'route_not_found' })));
  app.use(errorHandler(logger));

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.HOOKLINE_GATEWAY_PORT, config.HOOKLINE_GATEWAY_HOST ?? config.HOOKLINE_BIND_HOST, () => resolve(s));
  });
  const port = (server.address() as { port: number }).port;
  // Prometheus scrapes the ops listener, never the public port an ingress exposes.
  const ops = await startOpsServer({ port: config.HOOKLINE_GATEWAY_OPS_PORT, host: config.HOOKLINE_BIND_HOST, metrics, isReady: () => database.isHealthy() });
  logger.info({ port, opsPort: ops.port }, 'gateway listening');
  return {
    port,
    opsPort: ops.port,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ops.close();
      clearInterval(cleanup);
      await credentialFeed.stop();
      clients.close();
      await database.close();
    },
  };
}
