import type { Request, Response } from 'express';
import type { CallOptions } from '@hookline/grpc';

/** How long a request may take in all unless its route says otherwise; each backend call also has its own deadline. */
export const REQUEST_DEADLINE_MS = 30_000;

/** What every backend call made for one HTTP request carries: its trace, its cancellation, its deadline. */
export interface RequestCall extends CallOptions {
  signal: AbortSignal;
  deadline: number;
}

/**
 * Built once per request: the caller's W3C trace context, a signal aborted when the client goes
 * away before its answer was sent (the backend call is cancelled), and the request's deadline.
 */
export function requestCall(req: Request, res: Response, budgetMs = REQUEST_DEADLINE_MS): RequestCall {
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  return { traceparent: req.get('traceparent'), signal: abort.signal, deadline: Date.now() + budgetMs };
}
