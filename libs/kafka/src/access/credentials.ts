import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { KAFKA_ADMIN_USER, KAFKA_SERVICES, kafkaUserOf, type KafkaService } from './acl-plan';

/**
 * The SCRAM users of a broker and their passwords, as tools/kafka keeps them beside the broker's
 * data (a JSON file readable by its owner only). Launchers hand each service its own user
 * (`kafkaSaslEnv`); only tools and tests read the file, never a service.
 */
export interface KafkaCredentials {
  mechanism: 'scram-sha-256';
  /** The administrator's user name. */
  admin: string;
  /** Each service's user name (launchers and tests read the file without the naming rule). */
  services: Record<string, string>;
  /** Every user's password. */
  users: Record<string, string>;
}

/** Every user the local broker has: the administrator and one per service. */
export const kafkaUsers = () => [KAFKA_ADMIN_USER, ...KAFKA_SERVICES.map(kafkaUserOf)];

export function readKafkaCredentials(file: string): KafkaCredentials {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<KafkaCredentials>;
  if (parsed.mechanism !== 'scram-sha-256' || typeof parsed.users !== 'object' || !parsed.users) {
    throw new Error(`${file} is not a Kafka credentials file (mechanism and users expected)`);
  }
  return { admin: KAFKA_ADMIN_USER, services: {}, ...parsed } as KafkaCredentials;
}

/**
 * Makes sure `file` holds a random password for every user (written 0600); returns whether users
 * were added, in which case the broker's storage must be formatted again to know them.
 */
export function ensureKafkaCredentials(file: string): { credentials: KafkaCredentials; changed: boolean } {
  const credentials: KafkaCredentials = existsSync(file) ? readKafkaCredentials(file) : { mechanism: 'scram-sha-256', admin: KAFKA_ADMIN_USER, services: {}, users: {} };
  const services = Object.fromEntries(KAFKA_SERVICES.map((service) => [service, kafkaUserOf(service)]));
  // Names only: a file from before a service was added gets its name without a new storage.
  const renamed = credentials.admin !== KAFKA_ADMIN_USER || JSON.stringify(credentials.services) !== JSON.stringify(services);
  credentials.admin = KAFKA_ADMIN_USER;
  credentials.services = services;
  let changed = false;
  for (const user of kafkaUsers()) {
    if (credentials.users[user]) continue;
    credentials.users[user] = randomBytes(24).toString('base64url');
    changed = true;
  }
  if (changed || renamed || !existsSync(file)) {
    writeFileSync(`${file}.tmp`, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
    chmodSync(`${file}.tmp`, 0o600);
    renameSync(`${file}.tmp`, file);
  }
  return { credentials, changed };
}

function passwordOf(credentials: KafkaCredentials, user: string): string {
  const password = credentials.users[user];
  if (!password) throw new Error(`the Kafka credentials have no password for ${user}`);
  return password;
}

/** kafkajs's `sasl` for one user of the credentials (the administrator when no service is named). */
export function kafkaSaslFor(credentials: KafkaCredentials, service?: KafkaService): Pick<KafkaConfig, 'sasl'> {
  const username = service ? kafkaUserOf(service) : KAFKA_ADMIN_USER;
  return { sasl: { mechanism: credentials.mechanism, username, password: passwordOf(credentials, username) } as SASLOptions };
}

/** The environment a launcher gives a service: its own user, nobody else's (read by `kafkaSecurity`). */
export function kafkaSaslEnv(credentials: KafkaCredentials, service: KafkaService): Record<string, string> {
  const username = kafkaUserOf(service);
  return { KAFKA_SASL_MECHANISM: credentials.mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: passwordOf(credentials, username) };
}
