// Audit process entry point.
import { startTracing, stopOnSignals } from '@hookline/telemetry';
// 1. Tracing first, so instrumented modules (grpc, pg, kafkajs) are patched when loaded.
startTracing('audit');

import { loadConfigOrExit } from '@hookline/config';
import { createLogger } from '@hookline/logging';
import { startAudit } from './app';
import { auditEnv } from './config';

async function main(): Promise<void> {
  // 2. Configuration: a bad value stops the process naming the variable.
  const config = loadConfigOrExit(auditEnv);
  const logger = createLogger('audit', config.LOG_LEVEL);
  // 3. Wire and serve; 4. stop cleanly on SIGTERM/SIGINT.
  const audit = await startAudit(config, logger);
  stopOnSignals(logger, () => audit.stop());
}

main().catch((error) => {
  process.stderr.write(`audit failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
