import { createKafka, partitionForKey, topicNames } from '@hookline/kafka';
import { createLogger } from '@hookline/logging';
import { eventsV1 } from '@hookline/proto';
import { testDatabaseUrl, testKafkaSecurity, waitFor } from '@hookline/testing';
import { Pool } from 'pg';
import type { RunningIngestion } from '../app';
import { startFakeRegistry, type FakeRegistry } from '../testing/fake-registry';
import { ingestionTestEnv, publishRequest, startIngestionInProcess, type IngestionClient } from '../testing/ingestion-harness';

const UNDECODABLE = Buffer.from([0xff, 0xff, 0xff, 0xff]);

describe('the event archive consumer and records that can never be stored', () => {
  let registry: FakeRegistry;
  let ingestion: RunningIngestion;
  let client: IngestionClient;
  let env: Record<string, string>;
  let db: Pool;

  beforeAll(async () => {
    registry = await startFakeRegistry(['org_a'], ['transfer.completed']);
    env = ingestionTestEnv(registry.address);
    ({ ingestion, client } = await startIngestionInProcess(env));
    db = new Pool({ connectionString: testDatabaseUrl, max: 1, options: `-c search_path=${env.HOOKLINE_INGESTION_DB_SCHEMA}` });
  });
  afterAll(async () => {
    client?.close();
    await ingestion?.stop();
    await registry?.stop();
    await db?.end();
  });

  it('an undecodable event and one with NUL in every field are dead-lettered and counted; the good event behind them is archived', async () => {
    const topic = topicNames(env.HOOKLINE_TOPIC_PREFIX).events;
    const nul: eventsV1.Event = { id: 'evt_\0x', orgId: 'org_a\0x', type: 'transfer.completed\0x', source: 's\0x', time: '2026-01-01T00:00:00Z\0x', isTest: false, dataJson: '{}\0x', targetWebhookId: '\0x', idempotencyKey: '\0x', group: '' };
    const producer = createKafka({ brokers: env.KAFKA_BROKERS, security: testKafkaSecurity(env.KAFKA_BROKERS), clientId: 'archive-test', logger: createLogger('archive-test', 'silent') }).producer();
    await producer.connect();
    const partition = partitionForKey('org_a', 3);
    await producer.send({
      topic,
      messages: [
        { key: 'org_a', value: UNDECODABLE, partition },
        { key: 'org_a', value: Buffer.from(eventsV1.Event.encode(nul).finish()), partition },
      ],
    });
    await producer.disconnect();
    const { event } = await client.publish(publishRequest());

    await waitFor(() => client.getEvent({ orgId: 'org_a', eventId: event!.id }), { message: 'the good event archived' });
    const letters = await waitFor(async () => {
      const { rows } = await db.query('select partition, value, error from dead_letter where consumer = $1 order by "offset"', ['event-archive']);
      return rows.length === 2 ? rows : undefined;
    }, { message: 'two dead letters' });
    expect(letters.map((row) => row.partition)).toEqual([partition, partition]);
    expect(letters[0].value.equals(UNDECODABLE)).toBe(true);
    const metrics = await (await fetch(`http://127.0.0.1:${ingestion.opsPort}/metrics`)).text();
    expect(metrics).toMatch(/^hookline_consumer_dead_letters_total\{[^}]*consumer="event-archive"[^}]*\} 2$/m);
  });
});
