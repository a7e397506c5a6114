import { propagation, ROOT_CONTEXT, trace, type Attributes } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';

let sdk: NodeSDK | undefined;

/**
 * Starts OpenTelemetry tracing (HTTP, gRPC, pg, kafkajs, express auto-instrumentation) when an
 * OTLP endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT, standard OTEL_* variables apply).
 * Without one nothing is installed, so the delivery path pays nothing for unexported spans.
 * Call before other modules are required.
 */
export function startTracing(serviceName: string, env: Record<string, string | undefined> = process.env): boolean {
  if (sdk || !env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_SDK_DISABLED === 'true') return false;
  sdk = new NodeSDK({
    serviceName,
    instrumentations: [getNodeAutoInstrumentations({ '@opentelemetry/instrumentation-fs': { enabled: false } })],
  });
  sdk.start();
  return true;
}

export async function stopTracing(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}

/**
 * Runs `work` inside a span continuing the W3C trace `traceparent`, for a hop whose trace came
 * through Kafka or a database row rather than an active context (the dispatcher's delivery of an
 * event): the HTTP request `work` makes becomes part of the publisher's trace. Without a trace
 * context, or with tracing off (a no-op tracer), it is `work()` as it is.
 */
export function inRemoteTrace<T>(name: string, traceparent: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  if (!traceparent) return work();
  const parent = propagation.extract(ROOT_CONTEXT, { traceparent });
  return trace.getTracer('hookline').startActiveSpan(name, { attributes }, parent, async (span) => {
    try {
      return await work();
    } finally {
      span.end();
    }
  });
}
