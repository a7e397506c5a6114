// What a chaos scenario runs on: the shared Kafka broker and PostgreSQL server, or a broker /
// PostgreSQL of the scenario's own when it stops them.
import { startOwnKafkaBroker, startOwnPostgres, type OwnKafkaBroker, type OwnPostgres } from '@hookline/testing';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { resolveKafka, resolvePostgres } from '../stack/infrastructure.mjs';
import { recreateDatabase } from '../bench/platform';
import { say } from './say';

export interface InfraNeeds {
  /** The scenario stops the broker: it gets one of its own. */
  ownKafka?: boolean;
  /** The scenario stops PostgreSQL: it gets one of its own. */
  ownPostgres?: boolean;
}

export interface Infrastructure {
  databaseUrl: string;
  kafkaBrokers: string;
  /** The broker's users (none: a plaintext external broker). */
  kafkaCredentials?: string;
  kafka?: OwnKafkaBroker;
  postgres?: OwnPostgres;
  stop(): Promise<void>;
}

export async function startInfrastructure(needs: InfraNeeds): Promise<Infrastructure> {
  const kafka = needs.ownKafka ? await startOwnKafkaBroker({ heapMb: 512 }) : undefined;
  const postgres = needs.ownPostgres ? await startOwnPostgres({ database: 'hookline_chaos' }) : undefined;
  let databaseUrl = postgres?.url;
  let stopShared: () => Promise<void> = async () => undefined;
  if (!databaseUrl) {
    const shared = await resolvePostgres(say, 'hookline_chaos');
    await recreateDatabase(shared.url);
    databaseUrl = shared.url as string;
    stopShared = shared.stop;
  }
  const shared = kafka ? undefined : resolveKafka(say);
  const kafkaBrokers: string = kafka?.brokers ?? shared.brokers;
  return {
    databaseUrl,
    kafkaBrokers,
    kafkaCredentials: kafka?.credentialsFile ?? shared.credentialsFile,
    kafka,
    postgres,
    async stop() {
      await kafka?.destroy();
      await postgres?.destroy();
      await stopShared();
    },
  };
}
