// Dispatcher process entry point.
import { startTracing, stopOnSignals } from '@hookline/telemetry';
// 1. Tracing first, so instrumented modules (grpc, pg, kafkajs) are patched when loaded.
startTracing('dispatcher');

import { loadConfigOrExit } from '@hookline/config';
import { createLogger } from '@hookline/logging';
import { startDispatcher } from './app';
import { dispatcherEnv } from './config';

async function main(): Promise<void> {
  // 2. Configuration: a bad value stops the process naming the variable.
  const config = loadConfigOrExit(dispatcherEnv);
  const logger = createLogger('dispatcher', config.LOG_LEVEL);
  // 3. Wire and serve; 4. stop cleanly on SIGTERM/SIGINT.
  const dispatcher = await startDispatcher(config, logger);
  stopOnSignals(logger, () => dispatcher.stop());
}

main().catch((error) => {
  process.stderr.write(`dispatcher failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
