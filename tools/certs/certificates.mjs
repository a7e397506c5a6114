// The local CA and certificates for `npm start` and the benchmark (tools/certs/certs.sh does the work).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
export const defaultTlsDir = () => process.env.HOOKLINE_TLS_DIR || join(root, '.data/certs');

function run(args) {
  const result = spawnSync('sh', [join(root, 'tools/certs/certs.sh'), ...args], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tools/certs/certs.sh ${args.join(' ')} failed: ${result.stderr || result.error}`);
  return result.stdout;
}

/** A CA and one certificate per service in `dir` (kept when present and valid). */
export function ensureCertificates(dir = defaultTlsDir()) {
  run(['ensure', dir]);
  return dir;
}

/** A publisher certificate (identity `publisher:<name>`) from the CA in `dir`, as a TLS identity. */
export function publisherIdentity(name, dir = defaultTlsDir()) {
  run(['publisher', name, '', dir]);
  return {
    name: `publisher:${name}`,
    ca: readFileSync(join(dir, 'ca.crt')),
    cert: readFileSync(join(dir, `publisher-${name}.crt`)),
    key: readFileSync(join(dir, `publisher-${name}.key`)),
  };
}
