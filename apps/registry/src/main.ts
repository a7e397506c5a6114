// Registry process entry point.
import { runService, startTracing } from '@hookline/telemetry';
// 1. Tracing first, so instrumented modules (grpc, pg, kafkajs, http) are patched when loaded.
startTracing('registry');

import { startRegistry } from './app';
import { registryEnv } from './config';

// 2. Configuration (a bad value stops the process naming the variable); 3. wire and serve;
// 4. stop cleanly on SIGTERM/SIGINT.
runService('registry', registryEnv, startRegistry);
