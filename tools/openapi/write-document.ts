// Writes the gateway's OpenAPI document (what /openapi.json serves, with the webhooks section of
// the example catalog) to a file, for linters and client generators that read files:
// `node --import tsx tools/openapi/write-document.ts <out.json>`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { apiRoutes } from '../../apps/gateway/src/app';
import { buildOpenApiDocument } from '../../apps/gateway/src/openapi/openapi-document';
import type { CatalogEventType } from '../../apps/gateway/src/openapi/webhooks-section';

const catalogFile = join(__dirname, '../../deploy/catalog/example-catalog.yaml');

export function exampleDocument(): Record<string, unknown> {
  const catalog = parseYaml(readFileSync(catalogFile, 'utf8')) as { event_types: CatalogEventType[] };
  return buildOpenApiDocument(apiRoutes, { version: '0.1.0' }, catalog.event_types);
}

if (require.main === module) {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write('usage: write-document.ts <out.json>\n');
    process.exit(2);
  }
  writeFileSync(out, `${JSON.stringify(exampleDocument(), null, 2)}\n`);
}
