// Audit process entry point.
import { runService, startTracing } from '@hookline/telemetry';
// 1. Tracing first, so instrumented modules (grpc, pg, kafkajs, http) are patched when loaded.
startTracing('audit');

import { startAudit } from './app';
import { auditEnv } from './config';

// 2. Configuration (a bad value stops the process naming the variable); 3. wire and serve;
// 4. stop cleanly on SIGTERM/SIGINT.
runService('audit', auditEnv, startAudit);
