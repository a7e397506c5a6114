import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SASLOptions } from 'kafkajs';
import { testKafkaBrokers } from './infrastructure';
import { repoRoot } from './process';

/** The users of an authenticated broker, as tools/kafka writes them (libs/kafka `KafkaCredentials`). */
interface CredentialsFile {
  mechanism: 'scram-sha-256';
  admin: string;
  services: Record<string, string>;
  users: Record<string, string>;
}

/** tools/kafka/access.ts: the broker's users and ACLs from libs/kafka's access table. */
export const KAFKA_ACCESS_CLI = join(repoRoot, 'tools/kafka/access.ts');

const ownBrokers = new Map<string, string>();

/** Says which credentials a broker of the caller's own (own-kafka.ts) takes. */
export function registerKafkaCredentials(brokers: string, file: string): void {
  ownBrokers.set(brokers, file);
}

/**
 * The credentials file of `brokers`: an own broker's; for the shared test broker
 * HOOKLINE_KAFKA_CREDENTIALS, or the local broker's (tools/kafka, HOOKLINE_KAFKA_CACHE) when
 * KAFKA_BROKERS is not set. None: a plaintext broker (an external one given without credentials).
 */
export function kafkaCredentialsFile(brokers = testKafkaBrokers): string | undefined {
  const own = ownBrokers.get(brokers);
  if (own) return own;
  if (brokers !== testKafkaBrokers) return undefined;
  if (process.env.HOOKLINE_KAFKA_CREDENTIALS) return process.env.HOOKLINE_KAFKA_CREDENTIALS;
  if (process.env.KAFKA_BROKERS) return undefined;
  const local = join(process.env.HOOKLINE_KAFKA_CACHE || join(repoRoot, 'tools/kafka/.cache'), 'credentials.json');
  return existsSync(local) ? local : undefined;
}

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as CredentialsFile;

/** kafkajs's `sasl` for a test's own clients: the broker's administrator (none on a plaintext broker). */
export function testKafkaSecurity(brokers = testKafkaBrokers): { sasl?: SASLOptions } {
  const file = kafkaCredentialsFile(brokers);
  if (!file) return {};
  const credentials = read(file);
  return { sasl: { mechanism: credentials.mechanism, username: credentials.admin, password: credentials.users[credentials.admin] } as SASLOptions };
}

const provisioned = new Map<string, Promise<void>>();

/** Grants the service principals their access to the topics of `prefix` on `brokers` (once per process). */
export function provisionTestKafka(prefix: string, brokers = testKafkaBrokers): Promise<void> {
  const file = kafkaCredentialsFile(brokers);
  if (!file) return Promise.resolve();
  const key = `${brokers} ${prefix}`;
  let done = provisioned.get(key);
  if (!done) {
    done = promisify(execFile)(process.execPath, ['--import', 'tsx', KAFKA_ACCESS_CLI, 'provision', prefix], {
      cwd: repoRoot,
      env: { ...process.env, KAFKA_BROKERS: brokers, HOOKLINE_KAFKA_CREDENTIALS: file },
    }).then(() => undefined);
    provisioned.set(key, done);
    done.catch(() => provisioned.delete(key));
  }
  return done;
}

/**
 * What a service under test needs to sign in to `brokers` as itself (KAFKA_SASL_*), after its
 * access to the topics of `prefix` is granted; nothing on a plaintext broker.
 */
export async function testKafkaServiceEnv(service: string, prefix: string, brokers = testKafkaBrokers): Promise<Record<string, string>> {
  const file = kafkaCredentialsFile(brokers);
  if (!file) return {};
  await provisionTestKafka(prefix, brokers);
  const credentials = read(file);
  const username = credentials.services[service];
  if (!username) throw new Error(`${file} has no Kafka user for ${service}`);
  return { KAFKA_SASL_MECHANISM: credentials.mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: credentials.users[username] };
}
