import type { RequestHandler } from 'express';
import type { Logger } from '@hookline/logging';
import type { RouteLabel } from './route';

/** Probes answer many times a minute and say nothing about clients: not logged. */
const PROBES = new Set(['/healthz', '/readyz']);

/**
 * One line per request once it is answered: request id, method, route pattern (never the raw
 * path or query, which may hold ids a client chose), status, duration and who called (org and
 * key id). Never a header, a body, a key or a secret: what identifies the caller is the key's id.
 */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (PROBES.has(req.path)) return next();
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const actor = req.actor;
      logger.info(
        {
          request_id: req.requestId,
          method: req.method,
          route: (res.locals.route as RouteLabel | undefined)?.path ?? 'other',
          status: res.statusCode,
          duration_ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
          org_id: actor?.orgId || undefined,
          key_id: actor?.keyId || undefined,
          actor: actor?.kind,
        },
        'request',
      );
    });
    next();
  };
}
