import { openDatabase, type Database } from '@hookline/db';
import { createLogger } from '@hookline/logging';
import { testDatabaseUrl, uniqueSuffix } from '@hookline/testing';
import { migrations } from '../db/migrations';
import { pruneDeliveries } from './prune-deliveries';

// Retention (DESIGN §4: deliveries and attempts kept 30 days) against rows back-dated in the
// database, the way an operator would find them after a month.

let db: Database;
beforeAll(async () => {
  db = await openDatabase({ url: testDatabaseUrl, schema: `t_retention_${uniqueSuffix()}`, migrations, logger: createLogger('retention-test', 'silent') });
});
afterAll(() => db?.close());

/** One delivery of `eventId` with `attempts` attempts, created `ageDays` ago. */
async function delivery(id: string, eventId: string, ageDays: number, attempts = 1): Promise<void> {
  await db.pool.query(
    `insert into delivery (id, org_id, webhook_id, event_id, event_type, status, attempt_count, created_at)
     values ($1, 'org_1', 'wh_' || $1, $2, 'transfer.completed', 'delivered', $4, now() - make_interval(days => $3))`,
    [id, eventId, ageDays, attempts],
  );
  for (let n = 1; n <= attempts; n++) {
    await db.pool.query(
      `insert into attempt (id, delivery_id, number, started_at, duration_ms, created_at)
       values ($1, $2, $3, now() - make_interval(days => $4), 5, now() - make_interval(days => $4))`,
      [`att_${id}_${n}`, id, n, ageDays],
    );
  }
}

const count = async (sql: string) => Number((await db.pool.query<{ n: string }>(`select count(*) as n from ${sql}`)).rows[0].n);

it('deletes deliveries and attempts older than the retention in small batches; younger rows stay', async () => {
  for (let i = 0; i < 23; i++) await delivery(`del_old${i}`, `evt_old${i}`, 31, 2);
  // An old and a young delivery of the same event: only the old one goes.
  await delivery('del_oldshared', 'evt_shared', 40);
  await delivery('del_youngshared', 'evt_shared', 1);
  await delivery('del_young', 'evt_young', 29);

  const pruned = await pruneDeliveries(db.pool, { retentionDays: 30, batchSize: 5 });

  expect(pruned).toEqual({ deliveries: 24, attempts: 47 });
  expect((await db.pool.query('select id from delivery order by id')).rows.map((r) => r.id)).toEqual(['del_young', 'del_youngshared']);
  expect(await count('attempt')).toBe(2);
});

it('never waits on a delivery the delivery path holds: that one is skipped and pruned by the next run', async () => {
  await delivery('del_busy', 'evt_busy', 45);
  await delivery('del_idle', 'evt_idle', 45);
  const sender = await db.pool.connect();
  try {
    await sender.query('begin');
    await sender.query(`select id from delivery where id = 'del_busy' for update`);
    const pruned = await pruneDeliveries(db.pool, { retentionDays: 30, batchSize: 5 });
    expect(pruned.deliveries).toBe(1);
    expect((await db.pool.query(`select id from delivery where id in ('del_busy', 'del_idle')`)).rows.map((r) => r.id)).toEqual(['del_busy']);
    await sender.query('commit');
  } finally {
    sender.release();
  }
  expect((await pruneDeliveries(db.pool, { retentionDays: 30 })).deliveries).toBe(1);
  expect(await count(`delivery where id = 'del_busy'`)).toBe(0);
});
