// Builds the standalone package: libs/sdk/dist (JavaScript and declarations, from src/ alone: the
// SDK imports no other Hookline lib) and libs/sdk/proto (the protos the gRPC publisher loads).
// `node libs/sdk/build.mjs` (or `npx nx build sdk`); `npm pack` in libs/sdk runs it too.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
rmSync(join(here, 'dist'), { recursive: true, force: true });
rmSync(join(here, 'proto'), { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(here, 'tsconfig.build.json')], { stdio: 'inherit' });
for (const file of ['hookline/ingestion/v1/ingestion.proto', 'hookline/common/v1/common.proto']) {
  mkdirSync(dirname(join(here, 'proto', file)), { recursive: true });
  cpSync(join(root, 'proto', file), join(here, 'proto', file));
}
