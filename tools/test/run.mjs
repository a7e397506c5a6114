// `npm test`: starts what the tests need (Kafka; PostgreSQL is found as `npm start` finds it),
// then runs every project's `test` target through Nx (one Jest project per Nx project).
//
//   npm test                          every project
//   npm test -- --affected [--base=R] the projects a change since R (default: main) can affect
//   npm test -- --projects=registry,db
//   npm test -- <jest arguments>      passed on to each project's Jest, e.g. -t "idempotency"
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { resolveKafka, resolvePostgres, root } from '../stack/infrastructure.mjs';

const say = (line) => process.stdout.write(`[test] ${line}\n`);

const args = process.argv.slice(2);
const affected = args.includes('--affected');
const base = args.find((a) => a.startsWith('--base='));
const projects = args.find((a) => a.startsWith('--projects='));
const jestArgs = args.filter((a) => a !== '--affected' && a !== base && a !== projects);

const postgres = await resolvePostgres(say, 'hookline_test');
const kafka = resolveKafka(say);
// Suites that stop a broker mid-test start their own from the cached jars: make sure they exist
// even when the shared broker was already running (or is external).
spawnSync('bash', [join(root, 'tools/kafka/kafka.sh'), 'fetch'], { stdio: 'inherit' });

const nxArgs = affected ? ['affected', '-t', 'test', base ?? '--base=main'] : ['run-many', '-t', 'test', ...(projects ? [projects] : [])];
// One project at a time: the integration suites start whole platforms and time out under
// contention on a small machine; within a project Jest spreads suites over its workers.
nxArgs.push('--parallel=1', '--outputStyle=stream-without-prefixes');
if (jestArgs.length > 0) nxArgs.push('--', ...jestArgs);
say(`nx ${nxArgs.join(' ')}`);
const result = spawnSync(process.execPath, [join(root, 'node_modules/nx/dist/bin/nx.js'), ...nxArgs], {
  cwd: root,
  stdio: 'inherit',
  // Suites sign in with these users (libs/testing kafka-access.ts): services as themselves, their own clients as the administrator.
  env: { ...process.env, DATABASE_URL: postgres.url, KAFKA_BROKERS: kafka.brokers, ...(kafka.credentialsFile ? { HOOKLINE_KAFKA_CREDENTIALS: kafka.credentialsFile } : {}) },
});
await postgres.stop();
process.exit(result.status ?? 1);
