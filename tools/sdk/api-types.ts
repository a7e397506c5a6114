// Writes the SDK's REST types from the gateway's OpenAPI document (the same one served at
// /openapi.json), so @hookline/sdk's client is typed against the contract and cannot drift from it.
// `node --import tsx tools/sdk/api-types.ts [--check]`; --check fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { apiRoutes } from '../../apps/gateway/src/app';
import { buildOpenApiDocument } from '../../apps/gateway/src/openapi/openapi-document';

const target = join(__dirname, '../../libs/sdk/src/api/schema.ts');

export async function renderSdkTypes(): Promise<string> {
  const document = buildOpenApiDocument(apiRoutes, { version: '0.1.0' });
  const ast = await openapiTS(document as never);
  return `// Generated from /openapi.json by tools/sdk/api-types.ts (npm run sdk:api-types); do not edit.\n/* eslint-disable */\n${astToString(ast)}`;
}

async function main(): Promise<void> {
  const text = await renderSdkTypes();
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== text) {
      process.stderr.write('libs/sdk/src/api/schema.ts is stale: run `npm run sdk:api-types`.\n');
      process.exit(1);
    }
    return;
  }
  writeFileSync(target, text);
}

if (require.main === module) void main();
