import type { Router } from 'express';
import type { RouteDefinition } from '../http/route';
import { docsRoutes } from './docs-ui';
import { buildOpenApiDocument } from './openapi-document';
import type { CatalogEventType } from './webhooks-section';
import { strictRouter } from '../http/strict-router';

/** How long a read of the event-type catalog serves `/openapi.json` before it is read again. */
const CATALOG_TTL_MS = 10_000;

/**
 * `/openapi.json`: the declared routes, plus a `webhooks` section built from the registry's
 * event-type catalog (read again at most every 10 s; the last good read is used while the
 * registry does not answer). `/docs`: the reference UI.
 */
export function openApiRoutes(routes: readonly RouteDefinition[], info: { version: string; publicUrl?: string }, loadEventTypes: () => Promise<CatalogEventType[]>): Router {
  let cached: { document: string; at: number } | undefined;
  const document = async () => {
    if (cached && Date.now() - cached.at < CATALOG_TTL_MS) return cached.document;
    try {
      cached = { document: JSON.stringify(buildOpenApiDocument(routes, info, await loadEventTypes())), at: Date.now() };
      return cached.document;
    } catch {
      return cached?.document ?? JSON.stringify(buildOpenApiDocument(routes, info));
    }
  };
  const router = strictRouter();
  router.get('/openapi.json', async (_req, res, next) => {
    try {
      res.type('application/json').send(await document());
    } catch (error) {
      next(error);
    }
  });
  router.use(docsRoutes());
  return router;
}
