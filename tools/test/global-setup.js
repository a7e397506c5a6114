// Once before any suite: the local CA and per-service certificates every gRPC server and client
// under test uses (mutual TLS is always on). Kept between runs; re-issued when they expire.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async function globalSetup() {
  const root = join(__dirname, '../..');
  const dir = process.env.HOOKLINE_TLS_DIR || join(root, '.data/certs');
  const result = spawnSync('sh', [join(root, 'tools/certs/certs.sh'), 'ensure', dir], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('could not create the test certificates (tools/certs/certs.sh)');
};
