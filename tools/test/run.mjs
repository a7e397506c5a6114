// `npm test`: starts what the tests need (Kafka; PostgreSQL is found as `npm start` finds it),
// then runs every Jest project, unit and integration. Extra arguments go to Jest.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { resolveKafka, resolvePostgres, root } from '../stack/infrastructure.mjs';

const say = (line) => process.stdout.write(`[test] ${line}\n`);
const postgres = await resolvePostgres(say, 'hookline_test');
const kafka = resolveKafka(say);
// Suites that stop a broker mid-test start their own from the cached jars: make sure they exist
// even when the shared broker was already running (or is external).
spawnSync('bash', [join(root, 'tools/kafka/kafka.sh'), 'fetch'], { stdio: 'inherit' });

// --forceExit: a suite that leaks a handle must not hold CI until its time limit.
const result = spawnSync(process.execPath, [join(root, 'node_modules/jest/bin/jest.js'), '--forceExit', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: postgres.url, KAFKA_BROKERS: kafka.brokers },
});
await postgres.stop();
process.exit(result.status ?? 1);
