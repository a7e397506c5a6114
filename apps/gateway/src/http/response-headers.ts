import type { NextFunction, Request, Response } from 'express';

/**
 * Headers every response starts with. `no-store`: API answers carry signing secrets, API keys and
 * portal tokens, and no API answer is meant for a shared or browser cache (the dashboard's own
 * files set their caching themselves). `nosniff`: a browser never reads a JSON answer as a script
 * or a page.
 */
export function responseHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  next();
}
