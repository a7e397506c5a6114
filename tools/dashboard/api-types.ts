// Writes the dashboard's API types from the gateway's OpenAPI document (the same one served at
// /openapi.json), so the UI is typed against the contract and cannot drift from it.
// `node --import tsx tools/dashboard/api-types.ts [--check]`; --check fails when the committed
// file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { apiRoutes } from '../../apps/gateway/src/app';
import { buildOpenApiDocument } from '../../apps/gateway/src/openapi/openapi-document';

const target = join(__dirname, '../../apps/dashboard/src/api/schema.d.ts');

export async function renderApiTypes(): Promise<string> {
  const document = buildOpenApiDocument(apiRoutes, { version: '0.1.0' });
  const ast = await openapiTS(document as never);
  return `// Generated from /openapi.json by tools/dashboard/api-types.ts; do not edit.\n${astToString(ast)}`;
}

async function main(): Promise<void> {
  const text = await renderApiTypes();
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== text) {
      process.stderr.write('apps/dashboard/src/api/schema.d.ts is stale: run `npm run dashboard:api-types`.\n');
      process.exit(1);
    }
    return;
  }
  writeFileSync(target, text);
}

if (require.main === module) void main();
