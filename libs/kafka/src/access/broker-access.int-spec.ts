import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { kafkaCredentialsFile, testKafkaBrokers, testKafkaSecurity, uniqueTopicPrefix } from '@hookline/testing';
import { deadLetterHandlers } from '../dead-letter-service';
import type { DeadLetter, DeadLetters } from '../dead-letters';
import { topicNames, type TopicNames } from '../topics';
import { KAFKA_ACCESS, KAFKA_SERVICES, type KafkaService } from './acl-plan';
import { kafkaSaslFor, readKafkaCredentials } from './credentials';
import { provisionKafkaAccess } from './provision';

// The broker refuses whoever has no password, and grants each service principal exactly its row
// of the access table: checked by producing and consuming, per topic and principal.
const prefix = uniqueTopicPrefix('tacl');
const topics = topicNames(prefix);
const TOPICS = Object.keys(topics) as (keyof TopicNames)[];
const brokers = testKafkaBrokers.split(',');

const credentialsFile = kafkaCredentialsFile();
const credentials = () => {
  if (!credentialsFile) throw new Error(`the broker ${testKafkaBrokers} is not the authenticated one (no credentials: set HOOKLINE_KAFKA_CREDENTIALS or run tools/kafka/kafka.sh ensure)`);
  return readKafkaCredentials(credentialsFile);
};
type Security = Pick<KafkaConfig, 'sasl'>;
const asService = (service: KafkaService): Security => kafkaSaslFor(credentials(), service);
const client = (security: Security, refusals?: string[]) =>
  new Kafka({
    clientId: 'acl-probe',
    brokers,
    ...security,
    connectionTimeout: 3_000,
    retry: { retries: 0 },
    // kafkajs reports a refused FindCoordinator as "coordinator not found"; the broker's code is in its debug log.
    logLevel: refusals ? logLevel.DEBUG : logLevel.NOTHING,
    logCreator: () => (entry) => {
      const type = (entry.log as { error?: { type?: string } }).error?.type;
      if (refusals && type) refusals.push(type);
    },
  });

/** The broker's error code for a refusal (`TOPIC_AUTHORIZATION_FAILED`, …), or the error's name. */
function refusal(error: unknown): string {
  for (let e = error as { type?: string; name?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.type) return e.type;
    if (!e.cause) return e.name ?? String(e);
  }
  return String(error);
}

async function tryProduce(security: Security, topic: string): Promise<string> {
  const producer = client(security).producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
  try {
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'probe', value: 'probe' }] });
    return 'written';
  } catch (error) {
    return refusal(error);
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

/** 'read' once the first record of `topic` arrives in `groupId`, else what the broker refused. */
async function tryConsume(security: Security, topic: string, groupId: string): Promise<string> {
  const outcome = await consume(security, topic, groupId);
  return outcome === 'KafkaJSGroupCoordinatorNotFound' && lastRefusal ? lastRefusal : outcome;
}
let lastRefusal: string | undefined;

async function consume(security: Security, topic: string, groupId: string): Promise<string> {
  const refusals: string[] = [];
  const consumer = client(security, refusals).consumer({ groupId, sessionTimeout: 6_000, heartbeatInterval: 500, retry: { retries: 0, restartOnFailure: async () => false } });
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    return await new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('neither read nor refused within 30 s'), 30_000);
      consumer.on(consumer.events.CRASH, ({ payload }) => resolve(refusal(payload.error)));
      consumer.run({ eachMessage: async () => resolve('read') }).catch((error: unknown) => resolve(refusal(error)));
    });
  } catch (error) {
    return refusal(error);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
    lastRefusal = refusals.find((type) => REFUSED.includes(type));
  }
}

const REFUSED = ['TOPIC_AUTHORIZATION_FAILED', 'GROUP_AUTHORIZATION_FAILED'];

describe('the broker: authentication and ACLs per service principal', () => {
  beforeAll(async () => {
    const admin = client(testKafkaSecurity()).admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: TOPICS.map((key) => ({ topic: topics[key], numPartitions: 1 })), waitForLeaders: true });
      await provisionKafkaAccess(admin, prefix);
    } finally {
      await admin.disconnect();
    }
    // One record on every topic, so an allowed consumer has something to read.
    const producer = client(testKafkaSecurity()).producer();
    await producer.connect();
    await producer.sendBatch({ acks: -1, topicMessages: TOPICS.map((key) => ({ topic: topics[key], messages: [{ key: 'k', value: 'seed' }] })) });
    await producer.disconnect();
  }, 60_000);

  it('a client without credentials can neither produce nor consume any Hookline topic', async () => {
    for (const key of TOPICS) {
      expect(await tryProduce({}, topics[key])).not.toBe('written');
      expect(await tryConsume({}, topics[key], `${prefix}dispatcher-fanout`)).not.toBe('read');
    }
  }, 120_000);

  it('a wrong password is refused', async () => {
    const admin = client({ sasl: { mechanism: 'scram-sha-256', username: 'hookline-ingestion', password: 'not-the-password' } }).admin();
    await expect(admin.connect()).rejects.toThrow(/SASL SCRAM SHA256 authentication failed/i);
    expect(await tryProduce({ sasl: { mechanism: 'scram-sha-256', username: 'hookline-ingestion', password: 'not-the-password' } }, topics.events)).not.toBe('written');
  });

  const produceCases = KAFKA_SERVICES.flatMap((service) => TOPICS.map((topic) => ({ service, topic, allowed: KAFKA_ACCESS[service].writes.includes(topic) })));
  it.each(produceCases)('$service producing to $topic: allowed=$allowed', async ({ service, topic, allowed }) => {
    const outcome = await tryProduce(asService(service), topics[topic]);
    expect(outcome).toBe(allowed ? 'written' : 'TOPIC_AUTHORIZATION_FAILED');
  }, 60_000);

  const consumeCases = KAFKA_SERVICES.flatMap((service) =>
    TOPICS.flatMap((topic) => {
      const own = KAFKA_ACCESS[service].reads.find((read) => read.topic === topic)?.groups ?? [];
      // A prefixed group is read under a longer name, as HOOKLINE_AUDIT_CONSUMER_GROUP or a dispatcher instance names it.
      if (own.length > 0) return own.map(({ group, match }) => ({ service, topic, group: `${group}${match === 'prefixed' ? 'probe' : ''}`, allowed: true }));
      // A topic it may not read, in a group of its own if it has one.
      const anyGroup = KAFKA_ACCESS[service].reads[0]?.groups[0]?.group ?? `${service}-probe`;
      return [{ service, topic, group: anyGroup, allowed: false }];
    }),
  );
  it.each(consumeCases)('$service consuming $topic in group $group: allowed=$allowed', async ({ service, topic, group, allowed }) => {
    const outcome = await tryConsume(asService(service), topics[topic], `${prefix}${group}`);
    if (allowed) expect(outcome).toBe('read');
    else expect(REFUSED).toContain(outcome);
  }, 60_000);

  const foreignGroups = KAFKA_SERVICES.filter((service) => KAFKA_ACCESS[service].reads.length > 0).map((service) => ({ service, topic: KAFKA_ACCESS[service].reads[0].topic }));
  it.each(foreignGroups)('$service reading $topic in a group that is not its own is refused', async ({ service, topic }) => {
    expect(await tryConsume(asService(service), topics[topic], `${prefix}someone-elses-group`)).toBe('GROUP_AUTHORIZATION_FAILED');
  }, 60_000);

  it("grants cover the provisioned prefix only: ingestion cannot produce to another prefix's events topic", async () => {
    const other = topicNames(uniqueTopicPrefix('tacl')).events;
    const admin = client(testKafkaSecurity()).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: other, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    expect(await tryProduce(asService('ingestion'), other)).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it('a dead letter is replayed only to a topic its service may write: the dispatcher cannot put an event back', async () => {
    const letter = (topic: string): DeadLetter => ({
      id: `dlq_${topic}`,
      consumer: 'fan-out',
      topic,
      partition: 0,
      offset: '0',
      key: Buffer.from('k'),
      value: Buffer.from('forged'),
      valueSize: 6,
      truncated: false,
      error: 'poison',
      createdAt: new Date(),
      replayedAt: null,
      replayCount: 0,
    });
    const replayed: string[] = [];
    const store = { find: async (id: string) => letter(id.slice('dlq_'.length)), markReplayed: async (id: string) => void replayed.push(id) } as unknown as DeadLetters;
    const handlers = deadLetterHandlers('dispatcher', store, client(asService('dispatcher')));
    const context = { actor: { kind: 'operator', keyId: '', owner: 'operator', role: '', orgId: '' }, requestId: '', ip: '', userAgent: '' };
    try {
      await expect(handlers.replayDeadLetter({ context, id: `dlq_${topics.events}` })).rejects.toMatchObject({ kind: 'conflict', code: 'dead_letter_topic_not_writable' });
      await handlers.replayDeadLetter({ context, id: `dlq_${topics.deliveries}` });
      expect(replayed).toEqual([`dlq_${topics.deliveries}`]);
    } finally {
      await handlers.close();
    }
  }, 60_000);
});
