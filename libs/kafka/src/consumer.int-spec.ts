import { createLogger } from '@hookline/logging';
import { createMetricsRegistry } from '@hookline/telemetry';
import { freePort, testDatabaseUrl, testKafkaBrokers, testKafkaSecurity, uniqueSuffix, uniqueTopicPrefix, waitFor } from '@hookline/testing';
import { AssignerProtocol, type Assigner, type Consumer, type Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { BatchingProducer, createKafka, DEAD_LETTER_TABLE_SQL, DeadLetters, ensureTopics, PoisonRecordError, startConsumer, type RunningConsumer } from './index';

const logger = createLogger('consumer-test', 'silent');

const metricValue = async (registry: ReturnType<typeof createMetricsRegistry>, name: string, labels: Record<string, string>) => {
  const metric = await registry.getSingleMetric(name)?.get();
  const sample = metric?.values.find((value) => Object.entries(labels).every(([key, v]) => String(value.labels[key]) === v));
  return sample?.value ?? 0;
};

/** An assignment protocol no Hookline consumer speaks: a group member using it blocks their join. */
const rogueAssigner = (): Assigner => ({
  name: 'RogueAssigner',
  version: 1,
  assign: async ({ members, topics }) =>
    members.map(({ memberId }, index) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 1, assignment: index === 0 ? Object.fromEntries(topics.map((t) => [t, [0]])) : {}, userData: Buffer.alloc(0) }),
    })),
  protocol: ({ topics }) => ({ name: 'RogueAssigner', metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }) }),
});

describe('the hand-committing consumer', () => {
  const kafka = createKafka({ brokers: testKafkaBrokers, security: testKafkaSecurity(testKafkaBrokers), clientId: 'consumer-test', logger });
  const schema = `t_consumer_${uniqueSuffix()}`;
  let pool: Pool;
  let producer: BatchingProducer;
  const started: RunningConsumer[] = [];

  beforeAll(async () => {
    const admin = new Pool({ connectionString: testDatabaseUrl, max: 1 });
    await admin.query(`create schema ${schema}`);
    await admin.end();
    pool = new Pool({ connectionString: testDatabaseUrl, max: 3, options: `-c search_path=${schema}` });
    await pool.query(DEAD_LETTER_TABLE_SQL);
    producer = new BatchingProducer(kafka);
    await producer.connect();
  });
  afterAll(async () => {
    for (const consumer of started) await consumer.stop();
    await producer.disconnect();
    await pool.end();
  });

  const freshTopic = async () => {
    const topic = `${uniqueTopicPrefix()}consumer-test`;
    await ensureTopics(kafka, [{ topic, numPartitions: 1 }]);
    return topic;
  };

  it('a record that can never succeed is dead-lettered (counted, kept with its bytes) and the good record behind it is handled', async () => {
    const topic = await freshTopic();
    const metrics = createMetricsRegistry('consumer-test');
    const handled: string[] = [];
    started.push(
      await startConsumer(kafka, {
        name: 'poison-test',
        groupId: `${topic}.group`,
        topic,
        logger,
        metrics,
        deadLetters: new DeadLetters(pool),
        handle: async (messages) => {
          for (const message of messages) {
            const text = message.value!.toString();
            if (text.startsWith('bad')) throw new PoisonRecordError(`cannot read ${text}`);
          }
          // A value the database refuses (NUL in text: SQLSTATE 22021) is poison too.
          await pool.query('select $1::text', [messages.map((m) => m.value!.toString()).join(',')]);
          handled.push(...messages.map((m) => m.value!.toString()));
        },
      }),
    );
    await producer.send(topic, [
      { key: 'k', value: Buffer.from('bad-1') },
      { key: 'k', value: Buffer.from('nul\0inside') },
      { key: 'k', value: Buffer.from('good-1') },
    ]);
    await waitFor(() => handled.includes('good-1'), { message: 'the good record behind the poison ones' });
    expect(handled).toEqual(['good-1']);
    const rows = await pool.query('select consumer, topic, partition, "offset", key, value, error from dead_letter where topic = $1 order by "offset"', [topic]);
    expect(rows.rows.map((row) => [row.offset, row.key.toString(), row.value.toString()])).toEqual([
      ['0', 'k', 'bad-1'],
      ['1', 'k', 'nul\0inside'],
    ]);
    expect(rows.rows[0].error).toContain('cannot read bad-1');
    expect(await metricValue(metrics, 'hookline_consumer_dead_letters_total', { consumer: 'poison-test' })).toBe(2);
  });

  it('a handler that throws a TypeError on one record of a large chunk sets that record aside and handles every other, in halves', async () => {
    const topic = await freshTopic();
    const metrics = createMetricsRegistry('consumer-test');
    const handled = new Set<string>();
    let calls = 0;
    started.push(
      await startConsumer(kafka, {
        name: 'type-error-test',
        groupId: `${topic}.group`,
        topic,
        logger,
        metrics,
        deadLetters: new DeadLetters(pool),
        handle: async (messages) => {
          calls++;
          // A bug met only by this record's content: it would fail the same way forever.
          const lengths = messages.map((message) => (message.value!.toString() === 'record-37' ? (null as unknown as string) : message.value!.toString()).length);
          for (const message of messages) handled.add(message.value!.toString());
          expect(lengths).toHaveLength(messages.length);
        },
      }),
    );
    await producer.send(topic, Array.from({ length: 100 }, (_, i) => ({ key: 'k', value: Buffer.from(`record-${i}`) })));
    await waitFor(() => handled.size === 99, { message: 'the 99 good records' });
    expect(handled.has('record-37')).toBe(false);
    const rows = await pool.query('select value, error from dead_letter where topic = $1', [topic]);
    expect(rows.rows.map((row) => row.value.toString())).toEqual(['record-37']);
    expect(rows.rows[0].error).toMatch(/^TypeError/);
    // Halves, not one record at a time: far fewer calls than records.
    expect(calls).toBeLessThan(40);
  });

  it('a transient failure is retried with backoff and never skipped; the partition waits for it', async () => {
    const topic = await freshTopic();
    const metrics = createMetricsRegistry('consumer-test');
    let failures = 0;
    const handled: string[] = [];
    started.push(
      await startConsumer(kafka, {
        name: 'transient-test',
        groupId: `${topic}.group`,
        topic,
        logger,
        metrics,
        deadLetters: new DeadLetters(pool),
        chunkSize: 1,
        handle: async ([message]) => {
          const text = message.value!.toString();
          if (text === 'flaky' && failures < 3) {
            failures++;
            throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
          }
          handled.push(text);
        },
      }),
    );
    await producer.send(topic, [
      { key: 'k', value: Buffer.from('flaky') },
      { key: 'k', value: Buffer.from('after') },
    ]);
    await waitFor(() => handled.length === 2, { message: 'both records' });
    expect(handled).toEqual(['flaky', 'after']);
    expect(failures).toBe(3);
    expect(await metricValue(metrics, 'hookline_consumer_handler_errors_total', { consumer: 'transient-test', kind: 'transient' })).toBe(3);
    expect((await pool.query('select 1 from dead_letter where topic = $1', [topic])).rowCount).toBe(0);
  });

  it('a consumer whose kafkajs member goes away restarts by itself and goes on from its last commit', async () => {
    const topic = await freshTopic();
    const metrics = createMetricsRegistry('consumer-test');
    const handled: string[] = [];
    const consumer = await startConsumer(kafka, {
      name: 'restart-test',
      groupId: `${topic}.group`,
      topic,
      logger,
      metrics,
      handle: async (messages) => void handled.push(...messages.map((m) => m.value!.toString())),
    });
    started.push(consumer);
    await producer.send(topic, [{ key: 'k', value: Buffer.from('before') }]);
    await waitFor(() => handled.includes('before'), { message: 'the first record' });
    await waitFor(() => consumer.progress.poll().then(() => consumer.progress.lag === 0), { message: 'the first record committed' });

    // What kafkajs does after a crash it deems non-retriable: it disconnects and never comes back.
    await consumer.current!.disconnect();
    expect(consumer.state).not.toBe('running');
    await producer.send(topic, [{ key: 'k', value: Buffer.from('after') }]);
    await waitFor(() => handled.includes('after'), { timeoutMs: 30_000, message: 'the record sent after the crash' });
    expect(consumer.state).toBe('running');
    expect(handled).toEqual(['before', 'after']);
    expect(consumer.health().restarts).toBe(1);
    expect(await metricValue(metrics, 'hookline_consumer_restarts_total', { consumer: 'restart-test' })).toBe(1);
  });

  it('a restart whose join fails (the group is held by a member it cannot agree with) keeps trying until it joins, and goes on', async () => {
    const topic = await freshTopic();
    const groupId = `${topic}.group`;
    const metrics = createMetricsRegistry('consumer-test');
    const handled: string[] = [];
    // Every kafkajs consumer the service makes; the first replacement waits for the rogue member.
    const made: Consumer[] = [];
    let rogueJoined!: () => void;
    const rogueIn = new Promise<void>((resolve) => (rogueJoined = resolve));
    const watched = Object.create(kafka) as Kafka;
    watched.consumer = (config) => {
      const made_ = kafka.consumer(config);
      made.push(made_);
      if (made.length === 2) {
        const connect = made_.connect.bind(made_);
        made_.connect = async () => {
          await rogueIn;
          await connect();
        };
      }
      return made_;
    };
    const consumer = await startConsumer(watched, {
      name: 'rejoin-test',
      groupId,
      topic,
      logger,
      metrics,
      handle: async (messages) => void handled.push(...messages.map((m) => m.value!.toString())),
    });
    started.push(consumer);
    await producer.send(topic, [{ key: 'k', value: Buffer.from('before') }]);
    await waitFor(() => handled.includes('before'), { message: 'the first record' });

    // The member goes away; before its replacement joins, a member speaking another assignment
    // protocol takes the group, so the broker refuses the replacement's join (kafkajs: a crash
    // inside `run`, reported while the restart is under way).
    await consumer.current!.disconnect();
    const rogue = kafka.consumer({ groupId, partitionAssigners: [rogueAssigner] });
    await rogue.connect();
    await rogue.subscribe({ topics: [topic], fromBeginning: true });
    rogue.on(rogue.events.GROUP_JOIN, () => rogueJoined());
    await rogue.run({ eachMessage: async () => undefined });
    await waitFor(() => made.length >= 3, { timeoutMs: 30_000, message: 'the refused replacement to be replaced again' });
    expect(consumer.state).toBe('restarting');
    await rogue.disconnect();

    await producer.send(topic, [{ key: 'k', value: Buffer.from('after') }]);
    await waitFor(() => handled.includes('after'), { timeoutMs: 60_000, message: 'the record sent after the refused join' });
    expect(consumer.state).toBe('running');
    expect(handled).toEqual(['before', 'after']);
  });

  it('a consumer whose database is unreachable shows rising lag and stuck time, fails health past its bound, and recovers', async () => {
    const topic = await freshTopic();
    const metrics = createMetricsRegistry('consumer-test');
    // The handler's database: first a pool pointed at a closed port, then the real one.
    const unreachable = new Pool({ connectionString: `postgres://postgres@127.0.0.1:${await freePort()}/none`, max: 1, connectionTimeoutMillis: 1_000 });
    let database = unreachable;
    const handled: string[] = [];
    const consumer = await startConsumer(kafka, {
      name: 'stall-test',
      groupId: `${topic}.group`,
      topic,
      logger,
      metrics,
      progressIntervalMs: 200,
      stuckAfterMs: 1_500,
      handle: async (messages) => {
        await database.query('select 1');
        handled.push(...messages.map((m) => m.value!.toString()));
      },
    });
    started.push(consumer);
    await waitFor(() => consumer.state === 'running', { message: 'the consumer to join' });
    expect(consumer.health().healthy).toBe(true);
    await producer.send(topic, [1, 2, 3].map((n) => ({ key: 'k', value: Buffer.from(String(n)) })));

    await waitFor(async () => (await metricValue(metrics, 'hookline_consumer_lag', { consumer: 'stall-test', partition: '0' })) === 3, { message: 'lag 3' });
    await waitFor(async () => (await metricValue(metrics, 'hookline_consumer_stuck_seconds', { consumer: 'stall-test' })) >= 1, { message: 'stuck time rising' });
    await waitFor(() => !consumer.health().healthy, { message: 'health to fail' });
    expect(consumer.health()).toMatchObject({ name: 'stall-test', state: 'running', lag: 3 });

    expect(handled).toEqual([]);
    expect(await metricValue(metrics, 'hookline_consumer_handler_errors_total', { consumer: 'stall-test', kind: 'transient' })).toBeGreaterThan(0);
    database = pool;
    await unreachable.end();
    await waitFor(() => handled.length === 3, { timeoutMs: 20_000, message: 'the backlog after recovery' });
    await waitFor(() => consumer.health().healthy && consumer.health().lag === 0, { message: 'health back' });
    expect(await metricValue(metrics, 'hookline_consumer_stuck_seconds', { consumer: 'stall-test' })).toBe(0);
  });
});
