import type { NextFunction, Request, Response } from 'express';
import { newId } from '@hookline/ids';

declare module 'express-serve-static-core' {
  interface Request {
    requestId: string;
  }
}

/** Every response carries a `request-id` header; errors repeat it in their body. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  req.requestId = newId('req');
  res.setHeader('request-id', req.requestId);
  next();
}
