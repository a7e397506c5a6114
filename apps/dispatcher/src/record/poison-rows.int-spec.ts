import { openDatabase, type Database } from '@hookline/db';
import { DeadLetters } from '@hookline/kafka';
import { createLogger } from '@hookline/logging';
import { Counter, Registry } from '@hookline/telemetry';
import { testDatabaseUrl, uniqueSuffix, waitFor } from '@hookline/testing';
import type { AttemptRow, DeliveryUpdate } from '../model/attempt-row';
import { migrations } from '../db/migrations';
import { AttemptRecorder } from './attempt-recorder';

// Finding 3 of issue 21: one row the database refuses (a NUL from a tenant's token endpoint in
// the attempt's error) failed the batched insert for every organization's rows in it, and the
// recorder retried that batch forever. Now every way a row reaches the store is cleaned, and a
// row the database still refuses is isolated: the others are written, it is dead-lettered.

let db: Database;
let recorder: AttemptRecorder;
let poisonRows: Counter<'writer'>;

beforeAll(async () => {
  db = await openDatabase({ url: testDatabaseUrl, schema: `t_poison_${uniqueSuffix()}`, migrations, logger: createLogger('poison-test', 'silent') });
  poisonRows = new Counter({ name: 'poison_rows_test', help: 'test', labelNames: ['writer'], registers: [new Registry()] });
  recorder = new AttemptRecorder(db.pool, createLogger('poison-test', 'silent'), { deadLetters: new DeadLetters(db.pool), poisonRows, lingerMs: 20 });
});
afterAll(() => db?.close());

let next = 0;
async function delivery(orgId: string): Promise<string> {
  const id = `del_${uniqueSuffix()}_${next++}`;
  await db.pool.query(`insert into delivery (id, org_id, webhook_id, event_id, event_type) values ($1, $2, $3, $4, 'transfer.completed')`, [
    id,
    orgId,
    `wh_${orgId}`,
    `evt_${id}`,
  ]);
  return id;
}

function outcome(deliveryId: string, orgId: string, attempt: Partial<AttemptRow> = {}): [AttemptRow, DeliveryUpdate] {
  const at = new Date();
  return [
    {
      id: `att_${deliveryId}`,
      deliveryId,
      number: 1,
      startedAt: at,
      durationMs: 12,
      requestHeaders: { 'webhook-id': deliveryId },
      responseStatus: null,
      responseHeaders: {},
      responseBody: '',
      errorClass: 'auth',
      errorMessage: 'OAuth2 token endpoint answered 400',
      ...attempt,
    },
    {
      deliveryId,
      webhookId: `wh_${orgId}`,
      orgId,
      status: 'pending',
      attemptCount: 1,
      lastAttemptAt: at,
      nextAttemptAt: new Date(at.getTime() + 5_000),
      responseStatus: null,
      succeeded: false,
      origin: { eventId: `evt_${deliveryId}`, eventType: 'transfer.completed', isTest: false, traceparent: '', publishedAt: null, manual: false },
    },
  ];
}

const attemptsOf = async (ids: string[]) =>
  (await db.pool.query<{ delivery_id: string; error_message: string; response_body: string; response_headers: Record<string, string> }>(
    'select delivery_id, error_message, response_body, response_headers from attempt where delivery_id = any($1)',
    [ids],
  )).rows;

it('when a token endpoint puts a NUL (and a lone surrogate) into an attempt, the batch of every organization is recorded, the text cleaned', async () => {
  const hostile = await delivery('org_hostile');
  const others = await Promise.all(Array.from({ length: 20 }, () => delivery('org_other')));
  const recorded = [
    recorder.record(
      ...outcome(hostile, 'org_hostile', {
        errorMessage: 'OAuth2 token endpoint answered 400 (client auth client_secret_basic): invalid_scope: a\u0000b\ud800',
        responseBody: 'x\u0000y',
        responseHeaders: { 'x-evil\u0000': 'v\u0000', 'x-half': '\udc00' },
      }),
    ),
    ...others.map((id) => recorder.record(...outcome(id, 'org_other'))),
  ];
  await waitFor(async () => (await attemptsOf([hostile, ...others])).length === 21, { timeoutMs: 15_000, message: 'every attempt of the batch recorded' });
  await Promise.all(recorded);
  const [row] = await attemptsOf([hostile]);
  expect(row.error_message).toBe('OAuth2 token endpoint answered 400 (client auth client_secret_basic): invalid_scope: a\ufffdb\ufffd');
  expect(row.response_body).toBe('x\ufffdy');
  expect(row.response_headers).toEqual({ 'x-evil\ufffd': 'v\ufffd', 'x-half': '\ufffd' });
});

it('a row the database refuses whatever the moment is dead-lettered and counted; every other row of its batch is written, once', async () => {
  const bad = await delivery('org_bad');
  const others = await Promise.all(Array.from({ length: 30 }, () => delivery('org_other')));
  const before = (await poisonRows.get()).values.find((v) => v.labels.writer === 'attempt-recorder')?.value ?? 0;
  const recorded = [
    ...others.slice(0, 15).map((id) => recorder.record(...outcome(id, 'org_other'))),
    // duration_ms is an int column: 2^40 is out of its range (SQLSTATE 22003), text or no text.
    recorder.record(...outcome(bad, 'org_bad', { durationMs: 2 ** 40 })),
    ...others.slice(15).map((id) => recorder.record(...outcome(id, 'org_other'))),
  ];
  await waitFor(async () => (await attemptsOf(others)).length === 30, { timeoutMs: 15_000, message: 'the good rows of the poisoned batch recorded' });
  // The poisoned row's own promise settles too: its Kafka record is not held forever.
  await Promise.all(recorded);
  expect(await attemptsOf([bad])).toEqual([]);
  const letters = await db.pool.query<{ consumer: string; topic: string; key: Buffer; error: string; value: Buffer }>(
    'select consumer, topic, key, error, value from dead_letter where key = $1',
    [Buffer.from(`att_${bad}`)],
  );
  expect(letters.rows).toHaveLength(1);
  expect(letters.rows[0]).toMatchObject({ consumer: 'attempt-recorder', topic: 'row:attempt' });
  expect(letters.rows[0].error).toMatch(/out of range/);
  expect(JSON.parse(letters.rows[0].value.toString()).attempt.durationMs).toBe(2 ** 40);
  const after = (await poisonRows.get()).values.find((v) => v.labels.writer === 'attempt-recorder')?.value ?? 0;
  expect(after - before).toBe(1);
});
