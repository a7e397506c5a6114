// Builds the dashboard (apps/dashboard → dist/apps/dashboard) when the build is missing or older
// than its sources. `npm start` and the browser tests call ensureDashboard(); run directly
// (`node tools/dashboard/build.mjs [--force]`) it builds and prints the bundle sizes.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const app = join(root, 'apps/dashboard');
export const dashboardDist = join(root, 'dist/apps/dashboard');
const stampFile = join(dashboardDist, '.source-hash');

function sourceFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (!/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name)) files.push(path);
  }
  return files;
}

/** A hash of every input of the build: the app's files and the locked dependency versions. */
function sourceHash() {
  const hash = createHash('sha256');
  for (const file of [...sourceFiles(app), join(root, 'package-lock.json')].sort()) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Builds when missing or stale; returns whether it built. */
export async function ensureDashboard({ log = () => {}, force = false } = {}) {
  const hash = sourceHash();
  const current = existsSync(stampFile) && existsSync(join(dashboardDist, 'index.html')) && readFileSync(stampFile, 'utf8') === hash;
  if (current && !force) return false;
  log('building the dashboard (apps/dashboard)...');
  const started = Date.now();
  // Libraries pick their production builds by NODE_ENV (a test runner sets it to `test`).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  try {
    await build({ configFile: join(app, 'vite.config.mjs') });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  writeFileSync(stampFile, hash);
  log(`dashboard built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

/** Sizes of the built JavaScript and CSS, raw and gzipped. */
export function bundleSizes() {
  const assets = join(dashboardDist, 'assets');
  return readdirSync(assets)
    .filter((f) => /\.(js|css)$/.test(f))
    .map((file) => {
      const content = readFileSync(join(assets, file));
      return { file, bytes: statSync(join(assets, file)).size, gzipBytes: gzipSync(content, { level: 9 }).length };
    });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await ensureDashboard({ log: (line) => console.log(line), force: process.argv.includes('--force') });
  for (const s of bundleSizes()) console.log(`${s.file.padEnd(40)} ${(s.bytes / 1024).toFixed(1).padStart(8)} KiB  ${(s.gzipBytes / 1024).toFixed(1).padStart(7)} KiB gzip`);
}
