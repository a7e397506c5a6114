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
