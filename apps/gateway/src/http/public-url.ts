import type { Request } from 'express';
import { z } from '@hookline/config';

/**
 * `HOOKLINE_PUBLIC_URL`: where clients reach the gateway (e.g. `https://hooks.example.com`, the
 * ingress's address), the base of every URL the platform hands out. Unset (local runs): the
 * request's own scheme and host.
 */
export const publicUrlEnv = {
  HOOKLINE_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?(\/[\w.~%/-]*)?$/i, 'must be an http(s) URL with no query or fragment, e.g. https://hooks.example.com')
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
};

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
