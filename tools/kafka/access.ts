// The broker's users and ACLs from libs/kafka's access table (run with `node --import tsx`).
//
//   access.ts credentials FILE   add a random password for every missing user (0600 file);
//                                prints "changed" or "same", then one --add-scram value per user
//   access.ts provision PREFIX   grant every service principal its access to the topics of
//                                PREFIX ('' = unprefixed), as the administrator of
//                                KAFKA_BROKERS with HOOKLINE_KAFKA_CREDENTIALS
//   access.ts acl-script         the same grants as kafka-acls.sh commands (deploy/kafka/acls.sh)
// It imports the access folder alone (not all of @hookline/kafka): it runs at every start.
import { Kafka, logLevel } from 'kafkajs';
import { ensureKafkaCredentials, kafkaAclScript, kafkaSaslFor, provisionKafkaAccess, readKafkaCredentials } from '../../libs/kafka/src/access';

const [command, arg] = process.argv.slice(2);

async function main(): Promise<void> {
  if (command === 'credentials' && arg) {
    const { credentials, changed } = ensureKafkaCredentials(arg);
    const lines = [changed ? 'changed' : 'same', ...Object.entries(credentials.users).map(([name, password]) => `SCRAM-SHA-256=[name=${name},password=${password}]`)];
    process.stdout.write(`${lines.join('\n')}\n`);
    return;
  }
  if (command === 'provision' && arg !== undefined) {
    const file = process.env.HOOKLINE_KAFKA_CREDENTIALS;
    const brokers = process.env.KAFKA_BROKERS;
    if (!file || !brokers) throw new Error('provision needs KAFKA_BROKERS and HOOKLINE_KAFKA_CREDENTIALS');
    const kafka = new Kafka({ clientId: 'hookline-access', brokers: brokers.split(','), ...kafkaSaslFor(readKafkaCredentials(file)), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await provisionKafkaAccess(admin, arg);
    } finally {
      await admin.disconnect();
    }
    return;
  }
  if (command === 'acl-script') {
    process.stdout.write(kafkaAclScript(arg ?? ''));
    return;
  }
  throw new Error('usage: access.ts credentials FILE | provision PREFIX | acl-script [PREFIX]');
}

main().catch((error: unknown) => {
  process.stderr.write(`[kafka access] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
