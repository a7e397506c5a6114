import { dirname, join } from 'node:path';
import type { Router } from 'express';
import { strictRouter } from '../http/strict-router';

/** The files of swagger-ui-dist the page uses; nothing else of the package is served. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'text/javascript',
  'favicon-32x32.png': 'image/png',
};

// Relative URLs, so the page also works behind a path prefix. No validator badge: it would
// send the document to validator.swagger.io.
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: new URL('openapi.json', window.location.href).toString(),
  dom_id: '#reference',
  deepLinking: true,
  validatorUrl: null,
  persistAuthorization: false,
  displayRequestDuration: true,
  tryItOutEnabled: false,
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hookline API reference</title>
<link rel="icon" type="image/png" href="docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="docs/assets/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="docs/assets/swagger-ui-bundle.js"></script>
<script src="docs/assets/init.js"></script>
</body>
</html>
`;

// Everything from this origin; Swagger UI sets inline styles and uses data: images.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * `/docs`: Swagger UI, served from its npm package (swagger-ui-dist) with no CDN, reading
 * `/openapi.json`; "Try it out" calls this gateway with the key given under "Authorize".
 */
export function docsRoutes(): Router {
  const dist = dirname(require.resolve('swagger-ui-dist/package.json'));
  const router = strictRouter();
  router.get('/docs', (_req, res) => {
    res.setHeader('content-security-policy', CSP);
    res.type('html').send(PAGE);
  });
  router.get('/docs/assets/init.js', (_req, res) => {
    res.type('text/javascript').setHeader('cache-control', 'no-cache').send(INIT_SCRIPT);
  });
  router.get('/docs/assets/:file', (req, res, next) => {
    const type = ASSETS[req.params.file];
    if (!type) return next();
    res.type(type).setHeader('cache-control', 'public, max-age=86400');
    res.sendFile(join(dist, req.params.file));
  });
  return router;
}
