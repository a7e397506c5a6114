// Ingestion process entry point.
import { startTracing, stopOnSignals } from '@hookline/telemetry';
// 1. Tracing first, so instrumented modules (grpc, pg, kafkajs) are patched when loaded.
startTracing('ingestion');

import { loadConfigOrExit } from '@hookline/config';
import { createLogger } from '@hookline/logging';
import { startIngestion } from './app';
import { ingestionEnv } from './config';

async function main(): Promise<void> {
  // 2. Configuration: a bad value stops the process naming the variable.
  const config = loadConfigOrExit(ingestionEnv);
  const logger = createLogger('ingestion', config.LOG_LEVEL);
  // 3. Wire and serve; 4. stop cleanly on SIGTERM/SIGINT.
  const ingestion = await startIngestion(config, logger);
  stopOnSignals(logger, () => ingestion.stop());
}

main().catch((error) => {
  process.stderr.write(`ingestion failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
