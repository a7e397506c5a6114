import { loadConfigOrExit, type z } from '@hookline/config';
import { createLogger, guardProcess, type Logger, type LogFormat } from '@hookline/logging';
import { stopOnSignals } from './lifecycle';
import { stopTracing } from './tracing';

/**
 * A service process's life: read and validate its configuration (a bad value stops the process
 * naming the variable), create its logger, start it, and stop it cleanly on SIGTERM/SIGINT.
 * Call `startTracing` before importing the service's modules, then this.
 */
export function runService<T extends z.ZodRawShape>(
  name: string,
  env: T,
  start: (config: z.infer<z.ZodObject<T>>, logger: Logger) => Promise<{ stop(): Promise<void> }>,
): void {
  const config = loadConfigOrExit(env);
  const { LOG_LEVEL, LOG_FORMAT } = config as { LOG_LEVEL?: string; LOG_FORMAT?: LogFormat };
  const logger = createLogger(name, String(LOG_LEVEL ?? 'info'), LOG_FORMAT ?? 'json');
  // A stray rejection is logged, never the end of the service: it exits only on purpose.
  guardProcess(logger);
  start(config, logger).then(
    // Spans still buffered at the signal are exported before the process exits, whatever the
    // service's own stop did.
    (service) =>
      stopOnSignals(logger, async () => {
        try {
          await service.stop();
        } finally {
          await stopTracing();
        }
      }),
    (error) => {
      process.stderr.write(`${name} failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
