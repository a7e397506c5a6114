import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@hookline/logging';
import { InputError, isDomainError } from '@hookline/errors';
import { toPublicError } from './error-body';
import { retryAfterSeconds } from './retry-after';

/** Express error middleware: the public error body; 5xx are logged, 4xx are not. */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(error);
    const { status, body } = toPublicError(fromExpressError(error), req.requestId);
    if (status >= 500) logger.error({ err: error, requestId: req.requestId, path: req.path }, 'request failed');
    const retryAfter = retryAfterSeconds(error);
    if (retryAfter !== undefined) res.setHeader('retry-after', String(retryAfter));
    if (status === 401) res.setHeader('www-authenticate', 'Bearer');
    res.status(status).json(body);
  };
}

/** Express and its parsers report client faults (e.g. a malformed %-escape) as http-errors. */
function fromExpressError(error: unknown): unknown {
  if (isDomainError(error)) return error;
  const status = (error as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new InputError('The request is malformed.', { code: 'malformed_request', cause: error });
  }
  return error;
}
