// Runs before `npm start` and `npm test` (see package.json): on a fresh clone, or when the
// lockfile changed since the last install, installs the dependencies from package-lock.json.
// Node built-ins only: nothing else can be loaded until this has run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('../..', import.meta.url).pathname;

/**
 * Why node_modules does not match package-lock.json, or null when it does. npm records what it
 * installed in node_modules/.package-lock.json; every package the lockfile requires on every
 * platform must be there at the same version.
 */
export function staleReason(dir = root) {
  const installedPath = join(dir, 'node_modules/.package-lock.json');
  if (!existsSync(installedPath)) return 'node_modules is missing';
  const wanted = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')).packages ?? {};
  const installed = JSON.parse(readFileSync(installedPath, 'utf8')).packages ?? {};
  for (const [path, entry] of Object.entries(wanted)) {
    // '' is the project itself; links are workspaces; optional packages may be for another platform.
    if (path === '' || entry.link || entry.optional) continue;
    if (installed[path]?.version !== entry.version) return `node_modules is out of date (${path.replace(/^node_modules\//, '')})`;
  }
  return null;
}

/** Installs from the lockfile when node_modules does not match it, saying so in one line. */
export function ensureDependencies(dir = root) {
  const reason = staleReason(dir);
  if (!reason) return;
  process.stdout.write(`[setup] ${reason}: installing dependencies from package-lock.json (npm ci)…\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) {
    process.stderr.write(`[setup] npm ci failed (exit ${result.status ?? result.signal}); fix the error above and run the command again\n`);
    process.exit(result.status || 1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) ensureDependencies();
