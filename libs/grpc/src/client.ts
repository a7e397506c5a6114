import { Client, Metadata, type ServiceDefinition, type ServiceError } from '@grpc/grpc-js';
import type { Registry } from '@hookline/telemetry';
import { fromGrpcError } from './error-mapping';
import { grpcMetrics, splitMethodPath } from './metrics';
import { channelCredentials } from './trust/credentials';
import type { TlsIdentity } from './trust/tls-identity';

export interface CallOptions {
  /** Milliseconds until the call fails with DEADLINE_EXCEEDED; every call has one. */
  deadlineMs?: number;
  /**
   * When the caller's whole operation must be done (epoch ms, e.g. an HTTP request's budget):
   * the call's deadline never passes it.
   */
  deadline?: number;
  /** Cancels the call (e.g. when the HTTP client went away). */
  signal?: AbortSignal;
  metadata?: Record<string, string>;
  traceparent?: string;
}

type Request<M> = M extends { requestSerialize: (v: infer R) => Buffer } ? R : never;
type Response<M> = M extends { responseDeserialize: (b: Buffer) => infer R } ? R : never;

/** A promise-returning client: one async method per RPC, deadline on every call. */
export type GrpcClient<D> = {
  [K in keyof D]: (request: Request<D[K]>, options?: CallOptions) => Promise<Response<D[K]>>;
} & { close(): void };

export interface ClientFactoryOptions {
  /** The caller's own certificate and the CA the server's must come from (mutual TLS). */
  tls: TlsIdentity;
  /** Default deadline for every call (ms). */
  deadlineMs?: number;
  /**
   * The service called, e.g. `registry`: named in error messages, and the identity the server's
   * certificate must name (otherwise its host name is checked).
   */
  peerName?: string;
  /** Where every call's status and duration are observed (`hookline_grpc_client_handling_seconds`). */
  metrics?: Registry;
}

const ROUND_ROBIN = JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] });

export function createGrpcClient<D extends ServiceDefinition<any>>(
  definition: D,
  address: string,
  options: ClientFactoryOptions,
): GrpcClient<D> {
  const client = new Client(address, channelCredentials(options.tls, options.peerName), {
    'grpc.keepalive_time_ms': 30_000,
    // A restarted peer is found again within a second or two: the default backoff grows to two
    // minutes, and every call in between fails while the peer is already back.
    'grpc.initial_reconnect_backoff_ms': 250,
    'grpc.max_reconnect_backoff_ms': 2_000,
    'grpc.max_receive_message_length': 8 * 1024 * 1024,
    // The TLS server name is the service's identity, not the address dialled (often an IP).
    ...(options.peerName ? { 'grpc.ssl_target_name_override': options.peerName } : {}),
    // Every address the name resolves to gets calls (a headless Service lists every ready pod),
    // not just the first: one HTTP/2 connection would otherwise pin all calls to one replica.
    'grpc.service_config': ROUND_ROBIN,
  });
  const defaultDeadline = options.deadlineMs ?? 5_000;
  const peer = options.peerName ?? address;
  const result: Record<string, unknown> = { close: () => client.close() };
  const metrics = options.metrics ? grpcMetrics(options.metrics).client : undefined;

  for (const [name, method] of Object.entries(definition)) {
    const [serviceLabel, methodLabel] = splitMethodPath(method.path);
    result[name] = (request: unknown, callOptions: CallOptions = {}) =>
      new Promise((resolve, reject) => {
        const started = performance.now();
        const metadata = new Metadata();
        for (const [k, v] of Object.entries(callOptions.metadata ?? {})) metadata.set(k, v);
        if (callOptions.traceparent) metadata.set('traceparent', callOptions.traceparent);
        const deadline = new Date(Math.min(Date.now() + (callOptions.deadlineMs ?? defaultDeadline), callOptions.deadline ?? Number.POSITIVE_INFINITY));
        const call = client.makeUnaryRequest(
          method.path,
          method.requestSerialize,
          method.responseDeserialize,
          request,
          metadata,
          { deadline },
          (error: ServiceError | null, response: unknown) => {
            callOptions.signal?.removeEventListener('abort', onAbort);
            metrics?.observe(serviceLabel, methodLabel, error ? error.code : 0, (performance.now() - started) / 1000);
            if (error) reject(fromGrpcError(error, `${peer}.${name}`));
            else resolve(response);
          },
        );
        const onAbort = () => call.cancel();
        if (callOptions.signal?.aborted) onAbort();
        else callOptions.signal?.addEventListener('abort', onAbort, { once: true });
      });
  }
  return result as GrpcClient<D>;
}
