import { status as GrpcStatus, type Server, type ServerUnaryCall, type ServerWritableStream, type sendUnaryData, type ServiceDefinition } from '@grpc/grpc-js';
import { healthV1 } from '@hookline/proto';

const { SERVING, NOT_SERVING, SERVICE_UNKNOWN } = healthV1.HealthCheckResponse_ServingStatus;
type ServingStatus = healthV1.HealthCheckResponse_ServingStatus;

export const HEALTH_SERVICE_NAME = 'grpc.health.v1.Health';

/** How often an open Watch re-checks its service; a change is sent at most this late. */
const WATCH_INTERVAL_MS = 1_000;

/** The fully-qualified gRPC name of a generated service definition, e.g. `hookline.registry.v1.RegistryService`. */
export function serviceName(definition: ServiceDefinition<any>): string {
  const first = Object.values(definition)[0] as { path: string } | undefined;
  if (!first) throw new Error('a gRPC service needs at least one method');
  return first.path.slice(1, first.path.lastIndexOf('/'));
}

export interface HealthService {
  /** Ends every open Watch stream, so a graceful shutdown is not held open by watchers. */
  close(): void;
}

/**
 * grpc.health.v1.Health. `services` maps each served service's full name to its own readiness;
 * the empty name is the whole server (serving when `overall` and every service are). Check answers NOT_FOUND
 * for any other name; Watch sends the current status at once and again whenever it changes
 * (SERVICE_UNKNOWN for an unknown name, as the protocol asks).
 *
 * Written here rather than taken from `grpc-health-check`: that package keeps a status map that
 * something must push into, while every status here is computed on demand from the readiness
 * checks the service already has, and it would load its own copy of health.proto at run time.
 */
export function addHealthService(server: Server, overall: () => Promise<boolean>, services: Record<string, () => Promise<boolean>>): HealthService {
  const checks = new Map(Object.entries(services));
  const statusOf = async (name: string): Promise<ServingStatus | undefined> => {
    const selected = name === '' ? [overall, ...checks.values()] : checks.has(name) ? [checks.get(name)!] : undefined;
    if (!selected) return undefined;
    const results = await Promise.all(selected.map((check) => check().catch(() => false)));
    return results.every(Boolean) ? SERVING : NOT_SERVING;
  };
  const watchers = new Set<ServerWritableStream<healthV1.HealthCheckRequest, healthV1.HealthCheckResponse>>();

  server.addService(healthV1.HealthService, {
    check: (call: ServerUnaryCall<healthV1.HealthCheckRequest, healthV1.HealthCheckResponse>, callback: sendUnaryData<healthV1.HealthCheckResponse>) => {
      statusOf(call.request.service).then((status) => {
        if (status === undefined) callback({ code: GrpcStatus.NOT_FOUND, details: `unknown service "${call.request.service}"` }, null);
        else callback(null, { status });
      });
    },
    watch: (call: ServerWritableStream<healthV1.HealthCheckRequest, healthV1.HealthCheckResponse>) => {
      watchers.add(call);
      let last: ServingStatus | undefined;
      let timer: NodeJS.Timeout | undefined;
      const poll = async () => {
        const status = (await statusOf(call.request.service)) ?? SERVICE_UNKNOWN;
        if (!watchers.has(call)) return;
        if (status !== last) {
          last = status;
          call.write({ status });
        }
        timer = setTimeout(poll, WATCH_INTERVAL_MS);
      };
      const stop = () => {
        watchers.delete(call);
        clearTimeout(timer);
      };
      call.on('cancelled', stop);
      call.on('close', stop);
      void poll();
    },
  } as any);

  return {
    close: () => {
      for (const call of [...watchers]) {
        watchers.delete(call);
        call.end();
      }
    },
  };
}
