import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// "Install from the repository": the package that `npm pack` makes of libs/sdk, unpacked outside
// the repository, works on its own: built JavaScript, declarations, the CLI and the protos, and
// no require of another Hookline lib. Its dependencies come from NODE_PATH, as an install would
// put them in node_modules.

const sdkDir = join(__dirname, '..');
const repoRoot = join(sdkDir, '../..');
const vectors = JSON.parse(readFileSync(join(repoRoot, 'libs/signing/test-vectors.json'), 'utf8')).vectors as {
  name: string;
  msg_id: string;
  timestamp: number;
  body: string;
  verification_keys: string[];
  signature: string;
  valid: boolean;
}[];

let unpacked: string;

beforeAll(() => {
  execFileSync(process.execPath, [join(sdkDir, 'build.mjs')], { stdio: 'pipe' });
  const out = mkdtempSync(join(tmpdir(), 'hookline-sdk-pack-'));
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], { cwd: sdkDir, encoding: 'utf8' })) as { filename: string }[];
  execFileSync('tar', ['xzf', join(out, packed.filename), '-C', out]);
  unpacked = join(out, 'package');
}, 300_000);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
}

const run = (args: string[]) =>
  execFileSync(process.execPath, args, { cwd: tmpdir(), encoding: 'utf8', env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules'), HOOKLINE_CONFIG: join(unpacked, 'none.json') } });

describe('the packed @hookline/sdk', () => {
  it('holds the built client, its declarations, the CLI, the protos and the README', () => {
    const names = files(unpacked).map((file) => file.slice(unpacked.length + 1));
    expect(names).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/hookline.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'proto/hookline/ingestion/v1/ingestion.proto', 'proto/hookline/common/v1/common.proto']));
    expect(names.filter((name) => /\.(spec|int-spec)\.|\.ts$/.test(name) && !name.endsWith('.d.ts'))).toEqual([]);
  });

  it('requires no other Hookline lib', () => {
    const internal = files(join(unpacked, 'dist'))
      .filter((file) => file.endsWith('.js'))
      .filter((file) => /require\("@hookline\//.test(readFileSync(file, 'utf8')));
    expect(internal).toEqual([]);
  });

  it('verifies the signing test vectors of every scheme from outside the repository', () => {
    const script = `
      const { checkSignature } = require(${JSON.stringify(unpacked)});
      const vectors = ${JSON.stringify(vectors)};
      const results = vectors.map((v) => {
        try {
          for (const key of v.verification_keys) checkSignature(v.body, { 'webhook-id': v.msg_id, 'webhook-timestamp': String(v.timestamp), 'webhook-signature': v.signature }, key, { now: v.timestamp });
          return true;
        } catch { return false; }
      });
      process.stdout.write(JSON.stringify(results));`;
    expect(JSON.parse(run(['-e', script]))).toEqual(vectors.map((v) => v.valid));
  });

  it('runs its hookline command', () => {
    expect(run([join(unpacked, 'bin/hookline.js'), '--help'])).toMatch(/hookline login --url|login --url <gateway>/);
  });
});
