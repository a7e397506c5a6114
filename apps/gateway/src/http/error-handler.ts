import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@hookline/logging';
import { toPublicError } from './error-body';

/** Express error middleware: the public error body; 5xx are logged, 4xx are not. */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const { status, body } = toPublicError(error, req.requestId);
    if (status >= 500) logger.error({ err: error, requestId: req.requestId, path: req.path }, 'request failed');
    if (status === 429) {
      const retryAfter = (error as { details?: { retry_after_seconds?: number } }).details?.retry_after_seconds;
      if (retryAfter) res.setHeader('retry-after', String(retryAfter));
    }
    res.status(status).json(body);
  };
}
