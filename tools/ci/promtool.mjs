// promtool (from Debian's `prometheus` package) for the CI checks of metrics and rules: unpacked
// once into tools/ci/.cache/prometheus with `apt-get download` + `dpkg -x` (no install, no
// daemon), reused after that. Run directly it passes its arguments to promtool:
//   node tools/ci/promtool.mjs check rules deploy/prometheus/rules.yaml
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cache = fileURLToPath(new URL('.cache/prometheus', import.meta.url));
const binary = join(cache, 'usr/bin/promtool');

/** The path of promtool, fetched into the cache when missing. */
export function promtool() {
  if (existsSync(binary)) return binary;
  const download = join(cache, 'download');
  rmSync(download, { recursive: true, force: true });
  mkdirSync(download, { recursive: true });
  // `apt-get download` needs the package lists; a fresh machine may not have them yet.
  try {
    execFileSync('apt-get', ['download', '-q', 'prometheus'], { cwd: download, stdio: ['ignore', 'ignore', 'ignore'] });
  } catch {
    const root = process.getuid?.() === 0;
    execFileSync(root ? 'apt-get' : 'sudo', [...(root ? [] : ['apt-get']), 'update', '-q'], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('apt-get', ['download', '-q', 'prometheus'], { cwd: download, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const deb = readdirSync(download).find((file) => file.endsWith('.deb'));
  if (!deb) throw new Error('apt-get download prometheus produced no .deb');
  execFileSync('dpkg', ['-x', join(download, deb), cache]);
  rmSync(download, { recursive: true, force: true });
  if (!existsSync(binary)) throw new Error(`the prometheus package has no ${binary.slice(cache.length)}`);
  return binary;
}

/** Runs promtool; returns its exit status and output. */
export function runPromtool(args, input) {
  const result = spawnSync(promtool(), args, { input, encoding: 'utf8' });
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { status, output } = runPromtool(process.argv.slice(2));
  process.stdout.write(output);
  process.exit(status);
}
