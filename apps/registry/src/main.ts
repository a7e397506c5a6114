// Registry process entry point.
import { startTracing, stopOnSignals } from '@hookline/telemetry';
// 1. Tracing first, so instrumented modules (grpc, pg, kafkajs) are patched when loaded.
startTracing('registry');

import { loadConfigOrExit } from '@hookline/config';
import { createLogger } from '@hookline/logging';
import { startRegistry } from './app';
import { registryEnv } from './config';

async function main(): Promise<void> {
  // 2. Configuration: a bad value stops the process naming the variable.
  const config = loadConfigOrExit(registryEnv);
  const logger = createLogger('registry', config.LOG_LEVEL);
  // 3. Wire and serve; 4. stop cleanly on SIGTERM/SIGINT.
  const registry = await startRegistry(config, logger);
  stopOnSignals(logger, () => registry.stop());
}

main().catch((error) => {
  process.stderr.write(`registry failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
