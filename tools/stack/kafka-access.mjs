// The broker's sign-in for `npm start`, the test runner, the benchmark and the chaos suite: each
// service signs in as its own principal; the topics of a prefix are granted from libs/kafka's
// access table (tools/kafka/access.ts) before the services start.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

/** The local broker of tools/kafka: its address and its users' credentials file. */
export function localBroker() {
  const cache = process.env.HOOKLINE_KAFKA_CACHE || join(root, 'tools/kafka/.cache');
  return { brokers: `127.0.0.1:${process.env.HOOKLINE_KAFKA_PORT || '9092'}`, credentialsFile: join(cache, 'credentials.json') };
}

/**
 * A service's environment: its own KAFKA_SASL_* from HOOKLINE_KAFKA_CREDENTIALS (which it does
 * not get). Left as given when there is no credentials file (an external broker configured with
 * KAFKA_SASL_* / KAFKA_SSL* or plaintext) or KAFKA_SASL_USERNAME is set already.
 */
export function serviceKafkaEnv(service, env) {
  const { HOOKLINE_KAFKA_CREDENTIALS: file, ...rest } = env;
  if (!file || rest.KAFKA_SASL_USERNAME) return rest;
  const credentials = JSON.parse(readFileSync(file, 'utf8'));
  const username = credentials.services?.[service];
  if (!username || !credentials.users?.[username]) throw new Error(`${file} has no Kafka user for ${service}`);
  return { ...rest, KAFKA_SASL_MECHANISM: credentials.mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: credentials.users[username] };
}

/** Grants every service principal its access to the topics of `prefix` (nothing to do without credentials). */
export function provisionKafkaAccess({ brokers, credentialsFile }, prefix) {
  if (!credentialsFile) return;
  if (!existsSync(credentialsFile)) throw new Error(`Kafka credentials ${credentialsFile} not found`);
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'tools/kafka/access.ts'), 'provision', prefix], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, KAFKA_BROKERS: brokers, HOOKLINE_KAFKA_CREDENTIALS: credentialsFile },
  });
}
