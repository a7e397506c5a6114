import type { Request } from 'express';

// HOOKLINE_PUBLIC_URL is read with the rest of the configuration (config.ts: publicUrlEnv).
const PUBLIC_URL = 'hooklinePublicUrl';

/** Makes the configured public URL what `publicUrl(req)` answers for every request of `app`. */
export function setPublicUrl(app: { locals: Record<string, unknown> }, url: string | undefined): void {
  app.locals[PUBLIC_URL] = url;
}

/** The base URL, without a trailing slash, of links handed to this request's client. */
export function publicUrl(req: Request): string {
  const configured = req.app.locals[PUBLIC_URL] as string | undefined;
  return configured ?? `${req.protocol}://${req.get('host')}`;
}
