import { Metadata, Server, status, type ServiceDefinition, type ServerUnaryCall, type sendUnaryData } from '@grpc/grpc-js';
import { findHostileText } from '@hookline/contract';
import { InputError } from '@hookline/errors';
import type { Logger } from '@hookline/logging';
import type { Registry } from '@hookline/telemetry';
import { toGrpcStatus } from './error-mapping';
import { authorizationInterceptor } from './trust/authorize';
import { serverCredentials } from './trust/credentials';
import type { TlsIdentity } from './trust/tls-identity';
import { addHealthService, HEALTH_SERVICE_NAME, serviceName } from './health';
import { grpcMetrics, metricsInterceptor } from './metrics';
import { addReflectionService } from './reflection';

/** What a handler sees of the call besides its request. */
export interface CallContext {
  metadata: Metadata;
  /**
   * Aborted when the client cancels or the call's deadline passes: pass it to every outgoing
   * call and awaited piece of work, so an abandoned call stops costing anything.
   */
  signal: AbortSignal;
  /** When the caller stops waiting (epoch ms), if it set a deadline: outgoing calls need not outlive it. */
  deadline?: number;
  /** W3C trace context of the caller, if it sent one. */
  traceparent?: string;
  /** Peer address, e.g. `ipv4:127.0.0.1:53422`. */
  peer: string;
}

type Request<M> = M extends { requestDeserialize: (b: Buffer) => infer R } ? R : never;
type Response<M> = M extends { responseSerialize: (v: infer R) => Buffer } ? R : never;

/** A service implemented as plain async functions, one per RPC. */
export type ServiceHandlers<D> = {
  [K in keyof D]: (request: Request<D[K]>, context: CallContext) => Promise<Response<D[K]>>;
};

export interface GrpcServiceBinding {
  definition: ServiceDefinition<any>;
  handlers: Record<string, (request: any, context: CallContext) => Promise<any>>;
  /** This service's own grpc.health.v1 status; defaults to the server's `isHealthy`. */
  isServing?: () => Promise<boolean>;
}

export function bindService<D extends ServiceDefinition<any>>(
  definition: D,
  handlers: ServiceHandlers<D>,
  options: { isServing?: () => Promise<boolean> } = {},
): GrpcServiceBinding {
  return { definition, handlers: handlers as GrpcServiceBinding['handlers'], ...options };
}

export interface GrpcServerOptions {
  name: string;
  logger: Logger;
  services: GrpcServiceBinding[];
  /** The server's certificate and the CA its callers' certificates must come from (mutual TLS). */
  tls: TlsIdentity;
  /** Reported by grpc.health.v1; defaults to always serving. */
  isHealthy?: () => Promise<boolean>;
  /** Where every call's status and duration are observed (`hookline_grpc_server_handling_seconds`). */
  metrics?: Registry;
}

export interface RunningGrpcServer {
  port: number;
  server: Server;
  /** Stops taking calls, lets in-flight calls finish (up to graceMs), then closes. */
  shutdown(graceMs?: number): Promise<void>;
}

function adapt(name: string, method: string, logger: Logger, handler: GrpcServiceBinding['handlers'][string]) {
  return (call: ServerUnaryCall<any, any>, callback: sendUnaryData<any>) => {
    const controller = new AbortController();
    let answered = false;
    // grpc-js also reports a call as cancelled once its stream closes after the answer; aborting
    // then would only build an AbortError (a DOMException with its stack) per call for nothing.
    call.on('cancelled', () => {
      if (!answered) controller.abort();
    });
    // The deadline passing is not always reported as a cancellation: abort at the deadline too.
    const deadline = deadlineOf(call);
    const deadlineTimer = deadline === undefined ? undefined : setTimeout(() => controller.abort(), Math.max(0, deadline - Date.now()));
    deadlineTimer?.unref();
    const traceparent = call.metadata.get('traceparent')[0];
    const context: CallContext = {
      metadata: call.metadata,
      signal: controller.signal,
      traceparent: typeof traceparent === 'string' ? traceparent : undefined,
      peer: call.getPeer(),
      deadline,
    };
    let answering: Promise<unknown>;
    try {
      // Every string a caller sends passes the one sanitizer before any handler sees it.
      refuseHostileRequest(call.request);
      answering = Promise.resolve(handler(call.request, context));
    } catch (error) {
      answering = Promise.reject(error);
    }
    answering.then(
      (response) => answer({ response }),
      (error: unknown) => answer({ error }),
    );

    /** Whatever happened, the caller gets one answer and nothing escapes to the process. */
    function answer(outcome: { response: unknown } | { error: unknown }): void {
      answered = true;
      clearTimeout(deadlineTimer);
      const error = 'error' in outcome ? outcome.error : undefined;
      try {
        if ('response' in outcome) return callback(null, outcome.response);
        // The caller went away or its deadline passed: nobody reads this answer, nothing failed.
        if (controller.signal.aborted) return callback({ code: status.CANCELLED, details: 'call cancelled', metadata: new Metadata() } as any, null);
        const mapped = toGrpcStatus(error);
        if (mapped.code === status.INTERNAL) logger.error({ err: error, method: `${name}.${method}` }, 'rpc failed');
        callback(mapped as any, null);
      } catch (failure) {
        // Mapping or sending itself failed (a response that does not serialize, a detail that
        // does not fit): still one answer, an INTERNAL with nothing of the failure in it.
        logger.error({ err: failure, cause: error, method: `${name}.${method}` }, 'rpc answer failed');
        try {
          callback({ code: status.INTERNAL, details: 'internal error', metadata: new Metadata() } as any, null);
        } catch (lastFailure) {
          logger.error({ err: lastFailure, method: `${name}.${method}` }, 'rpc answer could not be sent');
        }
      }
    }
  };
}

/** The call's deadline in epoch ms, or undefined when the caller set none. */
function deadlineOf(call: ServerUnaryCall<any, any>): number | undefined {
  const deadline = call.getDeadline();
  const ms = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(ms) ? ms : undefined;
}

/** Field names as the .proto spells them (`event_types[0]`), which is what callers know. */
function protoPath(path: string): string {
  return path.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function refuseHostileRequest(request: unknown): void {
  const param = findHostileText(request);
  if (param === undefined) return;
  const field = protoPath(param);
  throw new InputError(`${field || 'The request'} contains a NUL character or an unpaired UTF-16 surrogate, which are not accepted.`, {
    code: 'invalid_characters',
    param: field || undefined,
  });
}

export async function startGrpcServer(options: GrpcServerOptions, port: number, host = '127.0.0.1'): Promise<RunningGrpcServer> {
  // Every call of every service added below passes the authorization middleware first; the
  // metrics middleware inside it (grpc-js wraps the last interceptor outermost) sees refusals too.
  const interceptors = [...(options.metrics ? [metricsInterceptor(grpcMetrics(options.metrics).server)] : []), authorizationInterceptor(options.logger)];
  const server = new Server({ 'grpc.max_receive_message_length': 8 * 1024 * 1024, interceptors });
  for (const { definition, handlers } of options.services) {
    const implementation: Record<string, unknown> = {};
    for (const [method, handler] of Object.entries(handlers)) {
      implementation[method] = adapt(options.name, method, options.logger, handler);
    }
    server.addService(definition, implementation as any);
  }
  const isHealthy = options.isHealthy ?? (async () => true);
  const health = addHealthService(
    server,
    isHealthy,
    Object.fromEntries(options.services.map((binding) => [serviceName(binding.definition), binding.isServing ?? isHealthy])),
  );
  addReflectionService(server, [...options.services.map((binding) => serviceName(binding.definition)), HEALTH_SERVICE_NAME]);

  const boundPort = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${port}`, serverCredentials(options.tls), (error, p) => (error ? reject(error) : resolve(p))),
  );
  options.logger.info({ port: boundPort }, `${options.name} gRPC listening`);

  return {
    port: boundPort,
    server,
    shutdown: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        timer.unref();
        health.close();
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
