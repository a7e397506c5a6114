import { openDatabase, type Database } from '@hookline/db';
import { ConflictError, UnavailableError } from '@hookline/errors';
import { createIdGenerator } from '@hookline/ids';
import type { OutgoingMessage } from '@hookline/kafka';
import { createLogger } from '@hookline/logging';
import { eventsV1 } from '@hookline/proto';
import { testDatabaseUrl, uniqueSuffix, waitFor } from '@hookline/testing';
import { IdempotencyKeys } from '../db/idempotency-keys';
import { migrations } from '../db/migrations';
import { DataSchemas } from './data-schemas';
import { EventTypeCatalog } from './event-type-catalog';
import { Organizations } from './organizations';
import type { PublishCommand, PublishOutcome } from './publish-command';
import { Publisher } from './publisher';

// The key → event rule of keyed publishes, on the real key store (PostgreSQL) with a Kafka whose
// answer each test decides: acknowledged, refused, stalled past the publish timeout, or held.

const PRODUCE_TIMEOUT_MS = 300;

type Answer = 'ack' | 'refuse' | 'stall' | 'hold';

/** A broker stand-in: records every event id it was asked to store and answers as told. */
class ScriptedKafka {
  /** Ids of the events produced, in order, one entry per produce of each event. */
  readonly produced: string[] = [];
  answer: Answer = 'ack';
  private held: Array<() => void> = [];

  readonly produce = async (messages: OutgoingMessage[]): Promise<void> => {
    for (const message of messages) this.produced.push(eventsV1.Event.decode(message.value as Buffer).id);
    if (this.answer === 'refuse') throw new Error('broker refused');
    // A stalled broker stores the records after the publisher gave up on them.
    if (this.answer === 'stall') return new Promise((resolve) => setTimeout(resolve, PRODUCE_TIMEOUT_MS * 3));
    if (this.answer === 'hold') return new Promise((resolve) => this.held.push(resolve));
  };

  release(): void {
    this.held.splice(0).forEach((resolve) => resolve());
  }

  count(id: string): number {
    return this.produced.filter((p) => p === id).length;
  }
}

const command = (key: string, data: Record<string, unknown> = { amount: 10 }, overrides: Partial<PublishCommand> = {}): PublishCommand => ({
  orgId: 'org_a',
  type: 'transfer.completed',
  dataJson: JSON.stringify(data),
  idempotencyKey: key,
  isTest: false,
  targetWebhookId: '',
  ...overrides,
});

const eventOf = (outcome: PublishOutcome) => {
  if ('error' in outcome) throw outcome.error;
  return outcome.event;
};

describe('a publish retried with its idempotency key', () => {
  let db: Database;
  let kafka: ScriptedKafka;
  let publisher: Publisher;
  const publish = async (c: PublishCommand) => eventOf((await publisher.publish([c]))[0]);
  const refusal = (c: PublishCommand) => publish(c).then(() => undefined, (error: unknown) => error);

  beforeAll(async () => {
    db = await openDatabase({ url: testDatabaseUrl, schema: `t_ingestion_${uniqueSuffix()}`, migrations });
  });
  afterAll(() => db?.close());

  beforeEach(() => {
    kafka = new ScriptedKafka();
    publisher = new Publisher({
      organizations: new Organizations(async () => undefined),
      catalog: new EventTypeCatalog({ load: async () => ['transfer.completed', 'other.type'].map((type) => ({ type, group: type.split('.')[0] })), logger: createLogger('test', 'silent'), refreshMs: 60_000 }),
      dataSchemas: new DataSchemas(() => undefined),
      idempotencyKeys: new IdempotencyKeys(db.pool, { windowHours: 24, attemptTimeoutSeconds: 30 }),
      ids: createIdGenerator(),
      produce: kafka.produce,
      source: 'hookline',
      maxEventBytes: 10_000,
      produceTimeoutMs: PRODUCE_TIMEOUT_MS,
    });
  });
  afterEach(() => kafka.release());

  it('after a refused produce (503), the retry produces the same event — same id and time — and later retries produce nothing', async () => {
    kafka.answer = 'refuse';
    const failed = await refusal(command('refused-1'));
    expect(failed).toBeInstanceOf(UnavailableError);
    expect(failed).toMatchObject({ details: { retry_after_seconds: 1 } });
    const [firstId] = kafka.produced;

    kafka.answer = 'ack';
    const [retried] = await publisher.publish([command('refused-1')]);
    const again = await publish(command('refused-1'));

    expect(eventOf(retried).id).toBe(firstId);
    expect(retried).toMatchObject({ duplicate: true });
    expect(again.id).toBe(firstId);
    expect(again.time).toBe(eventOf(retried).time);
    expect(kafka.produced).toEqual([firstId, firstId]);
  });

  it('after a produce that timed out but was stored later, the retry carries the same id: one event downstream', async () => {
    kafka.answer = 'stall';
    expect(await refusal(command('stalled-1'))).toBeInstanceOf(UnavailableError);
    kafka.answer = 'ack';
    const retried = await publish(command('stalled-1'));

    expect(new Set(kafka.produced)).toEqual(new Set([retried.id]));
  });

  it('the same key with another body is refused as reused, also while the first try is unacknowledged, and nothing is produced', async () => {
    kafka.answer = 'refuse';
    await refusal(command('mismatch-1', { amount: 10 }));
    kafka.answer = 'ack';

    for (const other of [command('mismatch-1', { amount: 11 }), command('mismatch-1', { amount: 10 }, { isTest: true }), command('mismatch-1', { amount: 10 }, { type: 'other.type' })]) {
      expect(await refusal(other)).toMatchObject({ constructor: ConflictError, code: 'idempotency_key_reused' });
    }
    expect(kafka.produced).toHaveLength(1);
    // The key still belongs to the first body: its retry (keys reordered) publishes the first event.
    const retried = await publish(command('mismatch-1', { amount: 10 }));
    expect(kafka.produced).toEqual([retried.id, retried.id]);
    expect(await refusal(command('mismatch-1', { amount: 12 }))).toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('while the first try is still in flight, a retry is told to come back (409 with a retry delay) and produces nothing; after the ack it gets the event', async () => {
    kafka.answer = 'hold';
    const first = publish(command('in-flight-1'));
    await waitFor(() => kafka.produced.length === 1, { message: 'the first try to be producing' });

    const retry = await refusal(command('in-flight-1'));
    expect(retry).toMatchObject({ constructor: ConflictError, code: 'idempotency_key_in_use', param: 'idempotency_key' });
    const retryAfter = (retry as ConflictError).details?.retry_after_seconds as number;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(Math.ceil(PRODUCE_TIMEOUT_MS / 1000));
    expect(kafka.produced).toHaveLength(1);

    kafka.release();
    const event = await first;
    const [after] = await publisher.publish([command('in-flight-1')]);
    expect(after).toEqual({ event, duplicate: true });
    expect(kafka.produced).toEqual([event.id]);
  });

  it('a key whose publisher died mid-attempt is taken over after the attempt timeout, with the same event', async () => {
    kafka.answer = 'hold';
    void publish(command('orphan-1')).catch(() => undefined);
    await waitFor(() => kafka.produced.length === 1, { message: 'the first try to be producing' });
    // The attempt's lease has run out (its publisher died with it).
    await db.pool.query(`update idempotency_keys set attempt_until = now() - interval '1 second' where key = 'orphan-1'`);

    kafka.answer = 'ack';
    const taken = await publish(command('orphan-1'));
    expect(kafka.produced).toEqual([taken.id, taken.id]);
  });

  it('a batch retried after a 503 produces the same events, and a key repeated in the batch shares its event', async () => {
    kafka.answer = 'refuse';
    const batch = [command('batch-1', { n: 1 }), command('batch-2', { n: 2 })];
    await expect(publisher.publish(batch)).rejects.toBeInstanceOf(UnavailableError);
    const firstIds = [...kafka.produced];

    kafka.answer = 'ack';
    const outcomes = await publisher.publish([...batch, command('batch-1', { n: 1 }), command('batch-3', { n: 3 })]);
    const ids = outcomes.map((o) => eventOf(o).id);

    expect(ids.slice(0, 3)).toEqual([firstIds[0], firstIds[1], firstIds[0]]);
    expect(firstIds).not.toContain(ids[3]);
    expect(kafka.produced.slice(2)).toEqual([firstIds[0], firstIds[1], ids[3]]);
  });

  it('a key past its 24 h window binds a new event', async () => {
    const first = await publish(command('expired-1'));
    await db.pool.query(`update idempotency_keys set created_at = now() - interval '25 hours' where key = 'expired-1'`);
    const later = await publish(command('expired-1', { amount: 99 }));

    expect(later.id).not.toBe(first.id);
    expect(kafka.count(later.id)).toBe(1);
  });

  it('keys belong to one organization: another org with the same key gets its own event', async () => {
    const a = await publish(command('shared-key'));
    const b = await publish(command('shared-key', { amount: 10 }, { orgId: 'org_b' }));
    expect(b.id).not.toBe(a.id);
  });
});

