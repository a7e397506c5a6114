// Builds the file tree of one service's production image into <out>: its code compiled and
// bundled into main.js (the workspace libs included, no tsx at run time) and node_modules
// holding only the npm packages that bundle loads, with their own dependencies. The
// Dockerfiles run exactly this; CI runs it without Docker to check the trees and their sizes.
// The gateway's tree also holds the built dashboard at dist/apps/dashboard, the path the
// gateway serves `/` and `/portal` from by default (relative to the image's working directory).
//
//   node tools/build/service-image.mjs <registry|ingestion|dispatcher|audit|gateway> <out>
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('../..', import.meta.url).pathname;
const SERVICES = ['registry', 'ingestion', 'dispatcher', 'audit', 'gateway'];
/** Packages a service reads files of at run time (not visible as imports to the bundler). */
const RUNTIME_FILES = { gateway: ['swagger-ui-dist'] };

export async function buildServiceImage(service, out) {
  if (!SERVICES.includes(service)) throw new Error(`unknown service "${service}"; one of ${SERVICES.join(', ')}`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const npmPackages = Object.keys(rootPackage.dependencies ?? {}).concat(Object.keys(rootPackage.devDependencies ?? {}));

  // Tracing must start before the instrumented packages load; the entry's own imports would
  // otherwise all be evaluated first. startTracing is idempotent, so main.ts's call is a no-op.
  const entry = `require('@hookline/telemetry').startTracing(${JSON.stringify(service)});\nrequire('./apps/${service}/src/main.ts');\n`;
  const result = await build({
    stdin: { contents: entry, resolveDir: root, sourcefile: `${service}-entry.js`, loader: 'js' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: join(out, 'main.js'),
    sourcemap: 'linked',
    sourcesContent: false,
    tsconfig: join(root, 'tsconfig.base.json'),
    // npm packages stay packages (some read their own files, OpenTelemetry patches them on load).
    external: npmPackages.filter((name) => !name.startsWith('@hookline/')).flatMap((name) => [name, `${name}/*`]),
    metafile: true,
    logLevel: 'warning',
  });

  const imported = new Set(RUNTIME_FILES[service] ?? []);
  for (const input of Object.values(result.metafile.inputs)) {
    for (const { path, external } of input.imports) {
      if (!external || path.startsWith('node:')) continue;
      const parts = path.split('/');
      imported.add(path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  for (const builtin of ['assert', 'buffer', 'child_process', 'crypto', 'dns', 'events', 'fs', 'http', 'http2', 'https', 'net', 'os', 'path', 'stream', 'tls', 'url', 'util', 'zlib', 'worker_threads', 'perf_hooks', 'async_hooks', 'diagnostics_channel', 'readline', 'timers', 'string_decoder', 'querystring', 'v8', 'vm', 'module', 'process', 'tty', 'dgram', 'cluster', 'inspector']) imported.delete(builtin);

  const copied = copyWithDependencies([...imported], out);
  if (service === 'gateway') await addDashboard(out);
  writeFileSync(join(out, 'package.json'), JSON.stringify({ name: `@hookline/${service}-image`, private: true, version: rootPackage.version, main: 'main.js' }, null, 2) + '\n');
  return { packages: copied.size };
}

/** Builds the dashboard (vite, a build-stage dependency only) and copies the compiled tree. */
async function addDashboard(out) {
  const { ensureDashboard, dashboardDist } = await import(join(root, 'tools/dashboard/build.mjs'));
  await ensureDashboard();
  cpSync(dashboardDist, join(out, 'dist/apps/dashboard'), { recursive: true, filter: (source) => !source.endsWith('.source-hash') });
}

/** Copies each package and, recursively, its dependencies, resolved the way Node would. */
function copyWithDependencies(names, out) {
  const copied = new Set();
  const visit = (name, fromDir) => {
    const dir = resolvePackageDir(name, fromDir);
    if (!dir) throw new Error(`package ${name} (needed from ${fromDir}) is not installed; run npm ci`);
    if (copied.has(dir)) return;
    copied.add(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const target = join(out, dir.slice(root.length));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(dir, target, { recursive: true, dereference: true, filter: (source) => !/\/node_modules\/[^/]+\/node_modules$/.test(source) || source === dir });
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, dir);
    for (const dependency of Object.keys(manifest.optionalDependencies ?? {})) if (resolvePackageDir(dependency, dir)) visit(dependency, dir);
    for (const [peer, meta] of Object.entries(manifest.peerDependencies ?? {})) {
      if (resolvePackageDir(peer, dir) && !manifest.peerDependenciesMeta?.[peer]?.optional) visit(peer, dir);
    }
  };
  for (const name of names) visit(name, root);
  return copied;
}

/** The directory of package `name` as Node resolves it from `fromDir` (nearest node_modules up). */
function resolvePackageDir(name, fromDir) {
  for (let dir = fromDir; dir.length >= root.length - 1; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === dirname(dir)) break;
  }
  return null;
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const [service, out] = process.argv.slice(2);
  if (!service || !out) {
    process.stderr.write('usage: node tools/build/service-image.mjs <service> <out>\n');
    process.exit(2);
  }
  const { packages } = await buildServiceImage(service, out);
  process.stdout.write(`${service}: ${out}/main.js and ${packages} packages\n`);
}
