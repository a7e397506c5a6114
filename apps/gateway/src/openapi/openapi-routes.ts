import { Router } from 'express';
import type { RouteDefinition } from '../http/route';
import { DOCS_PAGE } from './docs-page';
import { buildOpenApiDocument } from './openapi-document';

/** `/openapi.json` (built once at start from the declared routes) and the `/docs` page. */
export function openApiRoutes(routes: readonly RouteDefinition[], version: string): Router {
  const document = JSON.stringify(buildOpenApiDocument(routes, { version }));
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(document);
  });
  router.get('/docs', (_req, res) => {
    res.setHeader('content-security-policy', "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'");
    res.type('html').send(DOCS_PAGE);
  });
  return router;
}
