import type { Logger } from 'pino';

/**
 * A job run by a timer, inside the boundary every handler runs in: a throw (synchronous or a
 * rejection) is logged and the next tick runs as planned; it never reaches the process.
 */
export function shielded(logger: Logger, job: string, run: () => unknown): () => void {
  return () => {
    try {
      const result = run();
      if (result instanceof Promise) result.catch((error: unknown) => logger.error({ err: error, job }, `${job} failed; it runs again at its next tick`));
    } catch (error) {
      logger.error({ err: error, job }, `${job} failed; it runs again at its next tick`);
    }
  };
}

let guarded = false;

/**
 * The last line of the boundary: a promise rejected with nobody waiting for it is logged, not
 * fatal (Node's default would exit). A service exits only on purpose: its shutdown path, or a
 * synchronous throw nobody caught, which leaves the process in an unknown state (logged, then exit 1).
 */
export function guardProcess(logger: Logger): void {
  if (guarded) return;
  guarded = true;
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'a promise was rejected and nobody handled it; the service goes on');
  });
  process.on('uncaughtException', (error, origin) => {
    logger.fatal({ err: error, origin }, 'uncaught exception; exiting');
    logger.flush?.();
    process.exit(1);
  });
}
