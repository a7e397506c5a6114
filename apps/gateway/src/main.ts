// Gateway process entry point.
import { startTracing, stopOnSignals } from '@hookline/telemetry';
// 1. Tracing first, so instrumented modules (grpc, pg, kafkajs) are patched when loaded.
startTracing('gateway');

import { loadConfigOrExit } from '@hookline/config';
import { createLogger } from '@hookline/logging';
import { startGateway } from './app';
import { gatewayEnv } from './config';

async function main(): Promise<void> {
  // 2. Configuration: a bad value stops the process naming the variable.
  const config = loadConfigOrExit(gatewayEnv);
  const logger = createLogger('gateway', config.LOG_LEVEL);
  // 3. Wire and serve; 4. stop cleanly on SIGTERM/SIGINT.
  const gateway = await startGateway(config, logger);
  stopOnSignals(logger, () => gateway.stop());
}

main().catch((error) => {
  process.stderr.write(`gateway failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
