import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { Request, Response, Router } from 'express';
import { contentSecurityPolicy } from './content-security-policy';
import { strictRouter } from '../http/strict-router';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};
/**
 * Paths the API and operations own, in any spelling (`/V1/…` is a 404, not the app); everything
 * else a browser asks for as a page is the app.
 */
const NOT_THE_APP = /^\/(v1|openapi\.json|docs|healthz|readyz|metrics|assets)(\/|$)/i;
const HASHED_ASSET = /^[\w.-]+$/;

export interface DashboardOptions {
  /** The built app (index.html + assets/), `dist/apps/dashboard` by default. */
  directory: string;
  /** Origins allowed to frame the dashboard (embedded customer portal). */
  frameAncestors: readonly string[];
}

/**
 * Serves the single-page dashboard: `/assets/*` are content-hashed, cached for a year and sent
 * pre-compressed (brotli or gzip, as the build wrote them); every other page path answers
 * index.html, never cached, under a strict Content Security Policy.
 */
export function dashboardRoutes(options: DashboardOptions): Router {
  const directory = resolve(options.directory);
  const policy = contentSecurityPolicy(options.frameAncestors);
  const router = strictRouter();

  router.get('/assets/:file', async (req, res, next) => {
    const file = String(req.params.file);
    if (!HASHED_ASSET.test(file) || file.endsWith('.gz') || file.endsWith('.br')) return next();
    const path = join(directory, 'assets', file);
    const encoding = await bestEncoding(req, path);
    if (encoding === null) return next();
    securityHeaders(res, policy);
    res.setHeader('content-type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    res.setHeader('vary', 'accept-encoding');
    if (encoding) res.setHeader('content-encoding', encoding);
    res.send(await readFile(encoding === 'br' ? `${path}.br` : encoding === 'gzip' ? `${path}.gz` : path));
  });

  router.get(/.*/, async (req, res, next) => {
    if (NOT_THE_APP.test(decodedPath(req.path)) || extname(req.path) !== '' || !req.accepts('html')) return next();
    const index = await readFile(join(directory, 'index.html')).catch(() => null);
    securityHeaders(res, policy);
    res.setHeader('cache-control', 'no-cache');
    if (!index) {
      res.status(503).type('text/plain').send('The dashboard is not built: run `npm start` or `node tools/dashboard/build.mjs`.\n');
      return;
    }
    res.type('html').send(index);
  });
  return router;
}

/** The path as a browser would read it (`/%761/…` is `/v1/…`); undecodable paths are not pages. */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return '/v1/';
  }
}

function securityHeaders(res: Response, policy: string): void {
  res.setHeader('content-security-policy', policy);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
}

/** `br`, `gzip`, '' (identity) or null when the file does not exist. */
async function bestEncoding(req: Request, path: string): Promise<'br' | 'gzip' | '' | null> {
  if (!(await exists(path))) return null;
  const accepted = req.acceptsEncodings('br', 'gzip', 'identity');
  if (accepted === 'br' && (await exists(`${path}.br`))) return 'br';
  if ((accepted === 'br' || accepted === 'gzip') && req.acceptsEncodings('gzip') && (await exists(`${path}.gz`))) return 'gzip';
  return '';
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}
