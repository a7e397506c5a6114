// Loaded before a service's entry when it runs from source (`npm start`, the test harness):
//   node --import tsx --import ./libs/telemetry/src/preload.ts apps/<service>/src/main.ts
// An entry's own `startTracing()` call runs only after every module it imports has loaded (ES
// imports are hoisted), too late to patch express, http and @grpc/grpc-js; the images' bundle
// starts tracing first for the same reason (tools/build/service-image.mjs). Tracing itself is
// still off unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
import { startTracing } from './tracing';

const service = /apps\/([a-z-]+)\/src\/main\.ts$/.exec(process.argv[1] ?? '')?.[1];
if (service) startTracing(service);
