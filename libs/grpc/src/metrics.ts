import { ServerInterceptingCall, status, type ServerInterceptor } from '@grpc/grpc-js';
import { Histogram, type Registry } from '@hookline/telemetry';

/** Seconds; from a cached answer (sub-millisecond) to a call at its deadline. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const LABELS = ['grpc_service', 'grpc_method', 'grpc_code'] as const;

/**
 * RED metrics of gRPC calls, one histogram per side: its `_count` by `grpc_code` is the rate and
 * the errors, its buckets the duration. `grpc_service` is the full proto service name.
 */
export interface GrpcMetrics {
  /** Observes one call that took `seconds` and ended with gRPC status `code`. */
  observe(service: string, method: string, code: number, seconds: number): void;
}

const byRegistry = new WeakMap<Registry, Record<'server' | 'client', GrpcMetrics>>();

/** The server-side (`hookline_grpc_server_handling_seconds`) and client-side metrics of a registry, made once. */
export function grpcMetrics(registry: Registry): Record<'server' | 'client', GrpcMetrics> {
  let metrics = byRegistry.get(registry);
  if (!metrics) {
    metrics = {
      server: histogram(registry, 'server', 'gRPC calls handled by this service, by method and status code: duration in seconds'),
      client: histogram(registry, 'client', 'gRPC calls this service made to another, by method and status code: duration in seconds'),
    };
    byRegistry.set(registry, metrics);
  }
  return metrics;
}

function histogram(registry: Registry, side: 'server' | 'client', help: string): GrpcMetrics {
  const metric = new Histogram({ name: `hookline_grpc_${side}_handling_seconds`, help, labelNames: LABELS, buckets: BUCKETS, registers: [registry] });
  return {
    observe: (service, method, code, seconds) => metric.observe({ grpc_service: service, grpc_method: method, grpc_code: codeName(code) }, seconds),
  };
}

/** `OK`, `NOT_FOUND`, … (the names Prometheus conventions and dashboards use). */
export function codeName(code: number): string {
  return status[code] ?? 'UNKNOWN';
}

/** `/hookline.registry.v1.RegistryService/GetWebhook` → [`hookline.registry.v1.RegistryService`, `GetWebhook`]. */
export function splitMethodPath(path: string): [string, string] {
  const [, service = 'unknown', method = 'unknown'] = path.split('/');
  return [service, method];
}

/**
 * Server middleware observing every call's status and duration, refused ones included: it sits
 * inside the authorization interceptor, so a refusal's status passes through it too.
 */
export function metricsInterceptor(metrics: GrpcMetrics): ServerInterceptor {
  return (method, call) => {
    const started = performance.now();
    const [service, name] = splitMethodPath(method.path);
    return new ServerInterceptingCall(call, {
      sendStatus: (statusObject, next) => {
        metrics.observe(service, name, statusObject.code, (performance.now() - started) / 1000);
        next(statusObject);
      },
    });
  };
}
