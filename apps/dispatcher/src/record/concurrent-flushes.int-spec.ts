import { openDatabase, type Database } from '@hookline/db';
import { createLogger } from '@hookline/logging';
import { testDatabaseUrl, uniqueSuffix } from '@hookline/testing';
import { Pool } from 'pg';
import { writeOutcomes, type RecordedOutcome } from '../db/attempt-store';
import { healthChanges, WebhookHealthMemo } from '../db/health-store';
import { migrations } from '../db/migrations';

// Several dispatchers (and one dispatcher's concurrent flushes) record outcomes of the same
// deliveries at once: after a rebalance, a replayed task and the new owner's attempt overlap.
// PostgreSQL aborts one of two statements that lock the same rows in opposite orders. Which
// order a statement locks in follows from its plan: a small or growing table is scanned in
// storage order, a large one looked up by key, and as the table grows and is analyzed, flushes
// run under either; here half of the sessions are held to each.

let db: Database;
/** Sessions planning the update as an index lookup per row, and as a hash join over a table scan. */
let byKey: Pool;
let byScan: Pool;
beforeAll(async () => {
  db = await openDatabase({ url: testDatabaseUrl, schema: `t_flushes_${uniqueSuffix()}`, migrations, logger: createLogger('flushes-test', 'silent') });
  const session = (settings: string) => new Pool({ connectionString: testDatabaseUrl, max: 6, options: `-c search_path=${db.schema} ${settings}` });
  byKey = session('-c enable_seqscan=off -c enable_hashjoin=off -c enable_mergejoin=off');
  byScan = session('-c enable_indexscan=off -c enable_bitmapscan=off -c enable_nestloop=off -c enable_mergejoin=off');
});
afterAll(async () => {
  await byKey?.end();
  await byScan?.end();
  await db?.close();
});

const DELIVERIES = 300;
const WEBHOOKS = 20;
const FLUSHES = 40;

const deliveryId = (i: number) => `del_${String(i).padStart(4, '0')}`;
const webhookId = (i: number) => `wh_${String(i % WEBHOOKS).padStart(2, '0')}`;

/** Attempt `number` of delivery `i`, failed: the endpoint answered 500, a retry is scheduled. */
function failedAttempt(flush: number, i: number, number: number): RecordedOutcome {
  const at = new Date();
  return {
    attempt: {
      id: `att_${flush}_${i}`,
      deliveryId: deliveryId(i),
      number,
      startedAt: at,
      durationMs: 3,
      requestHeaders: {},
      responseStatus: 500,
      responseHeaders: {},
      responseBody: '',
      errorClass: null,
      errorMessage: null,
    },
    update: {
      deliveryId: deliveryId(i),
      webhookId: webhookId(i),
      orgId: 'org_1',
      status: 'pending',
      attemptCount: number,
      lastAttemptAt: at,
      nextAttemptAt: new Date(at.getTime() + 60_000),
      responseStatus: 500,
      succeeded: false,
      origin: { eventId: `evt_${deliveryId(i)}`, eventType: 'transfer.completed', isTest: false, traceparent: '', publishedAt: null, manual: false },
    },
  };
}

/** A random order: each flush meets the shared rows in an order of its own, as lanes finish. */
function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

it('when many flushes record outcomes of overlapping deliveries at once, every one commits and every attempt is recorded', async () => {
  const ids = Array.from({ length: DELIVERIES }, (_, i) => i);
  // Stored newest first (as rows move when updated): storage order is not key order.
  await db.pool.query(
    `insert into delivery (id, org_id, webhook_id, event_id, event_type)
     select id, 'org_1', webhook_id, 'evt_' || id, 'transfer.completed' from json_to_recordset($1::json) as d(id text, webhook_id text)`,
    [JSON.stringify([...ids].reverse().map((i) => ({ id: deliveryId(i), webhook_id: webhookId(i) })))],
  );

  // Every flush covers half of the deliveries, so any two share about a quarter of them.
  const batches = Array.from({ length: FLUSHES }, (_, flush) =>
    shuffled(ids.filter(() => Math.random() < 0.5)).map((i) => failedAttempt(flush, i, flush + 1)),
  );
  // The webhooks are known to be failing, so their health rows are not rewritten (the steady
  // state): rewriting them would make every flush wait for the others on those rows, and hide
  // the order in which the deliveries are locked.
  const health = new WebhookHealthMemo();
  health.wrote(healthChanges(batches.flat().map((outcome) => outcome.update)), Date.now());
  const results = await Promise.allSettled(batches.map((batch, flush) => writeOutcomes(flush % 2 ? byKey : byScan, batch, health)));

  expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
  const recorded = await db.pool.query<{ n: string }>('select count(*) as n from attempt');
  expect(Number(recorded.rows[0].n)).toBe(batches.reduce((sum, batch) => sum + batch.length, 0));
  // Each delivery counts its highest attempt, whatever order the flushes committed in.
  const counts = await db.pool.query<{ id: string; attempt_count: number }>('select id, attempt_count from delivery order by id');
  const highest = new Map<string, number>();
  for (const batch of batches) for (const { update } of batch) highest.set(update.deliveryId, Math.max(highest.get(update.deliveryId) ?? 0, update.attemptCount));
  expect(counts.rows.filter((row) => row.attempt_count !== (highest.get(row.id) ?? 0))).toEqual([]);
});
