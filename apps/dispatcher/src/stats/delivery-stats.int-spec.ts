import { openDatabase, type Database } from '@hookline/db';
import { createLogger } from '@hookline/logging';
import { testDatabaseUrl, uniqueSuffix } from '@hookline/testing';
import { migrations } from '../db/migrations';
import { deliveryStats } from './delivery-stats';
import { refreshDeliveryStats } from '../db/stats-rollup-store';

const HOUR = 3_600_000;
const from = new Date('2026-03-01T00:00:00Z');

describe('delivery stats', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase({ url: testDatabaseUrl, schema: `t_dispatcher_stats_${uniqueSuffix()}`, migrations, poolSize: 4, logger: createLogger('stats-test', 'silent') });
  });
  afterAll(() => db?.close());

  /** A delivery and its attempts, as the fan-out and the sender record them (attempts recorded at their start). */
  async function delivery(id: string, orgId: string, webhookId: string, status: string, createdAt: Date, durations: number[]): Promise<void> {
    await db.pool.query(`insert into delivery (id, org_id, webhook_id, event_id, event_type, status, created_at) values ($1, $2, $3, $1, 't', $4, $5)`, [id, orgId, webhookId, status, createdAt]);
    for (const [i, ms] of durations.entries()) {
      await db.pool.query(`insert into attempt (id, delivery_id, number, started_at, duration_ms, created_at) values ($1, $2, $3, $4, $5, $4)`, [`${id}_${i}`, id, i + 1, new Date(createdAt.getTime() + i * 1000), ms]);
    }
  }

  /** The late-change pass sees attempts once they are 5 s old (commit grace). */
  async function waitForRecount(): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      await refreshDeliveryStats(db.pool);
      const { rows } = await db.pool.query(`select delivered from delivery_stats_hour where webhook_id = 'wh_1' and hour = $1`, [from]);
      if (rows[0]?.delivered === 2) return;
      if (Date.now() > deadline) throw new Error('the sealed hour was not recounted');
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  it('counts deliveries by outcome per bucket and gives attempt latency percentiles, for the org and for one webhook', async () => {
    await delivery('d1', 'org_a', 'wh_1', 'delivered', new Date(from.getTime() + 10 * 60_000), [100]);
    await delivery('d2', 'org_a', 'wh_1', 'failed', new Date(from.getTime() + 20 * 60_000), [10, 20, 30]);
    await delivery('d3', 'org_a', 'wh_2', 'pending', new Date(from.getTime() + HOUR + 60_000), [400]);
    await delivery('d4', 'org_b', 'wh_9', 'delivered', new Date(from.getTime() + 60_000), [5]);
    // Outside the window.
    await delivery('d5', 'org_a', 'wh_1', 'delivered', new Date(from.getTime() - 60_000), [7]);

    const org = await deliveryStats(db.pool, { orgId: 'org_a', from, to: new Date(from.getTime() + 3 * HOUR), intervalSeconds: 3600 });
    expect(org.buckets.map((b) => [b.start.toISOString(), b.delivered, b.failed, b.pending, b.attempts])).toEqual([
      ['2026-03-01T00:00:00.000Z', 1, 1, 0, 4],
      ['2026-03-01T01:00:00.000Z', 0, 0, 1, 1],
      ['2026-03-01T02:00:00.000Z', 0, 0, 0, 0],
    ]);
    // Percentiles read from a log-scale histogram: within 9 % above the exact value.
    expect(org.buckets[0].latencyP50Ms).toBeGreaterThanOrEqual(20);
    expect(org.buckets[0].latencyP50Ms).toBeLessThanOrEqual(22);
    expect(org.buckets[0].latencyP95Ms).toBeGreaterThanOrEqual(100);
    expect(org.buckets[0].latencyP95Ms).toBeLessThanOrEqual(109);
    expect(org.total).toMatchObject({ delivered: 1, failed: 1, pending: 1, attempts: 5 });

    // Rolled up into hours, the same window answers the same from delivery_stats_hour.
    await refreshDeliveryStats(db.pool);
    const rolled = await deliveryStats(db.pool, { orgId: 'org_a', from, to: new Date(from.getTime() + 3 * HOUR), intervalSeconds: 3600 });
    expect(rolled).toEqual(org);
    expect((await db.pool.query(`select count(*)::int as n from delivery_stats_hour where org_id = 'org_a'`)).rows[0].n).toBe(3);

    // A delivery of a sealed hour that changes later (a manual retry that succeeds) is recounted.
    await db.pool.query(`update delivery set status = 'delivered' where id = 'd2'`);
    await db.pool.query(`insert into attempt (id, delivery_id, number, started_at, duration_ms) values ('d2_late', 'd2', 4, now(), 50)`);
    await waitForRecount();
    const after = await deliveryStats(db.pool, { orgId: 'org_a', from, to: new Date(from.getTime() + 3 * HOUR), intervalSeconds: 3600 });
    expect(after.buckets[0]).toMatchObject({ delivered: 2, failed: 0 });

    const one = await deliveryStats(db.pool, { orgId: 'org_a', webhookId: 'wh_2', from, to: new Date(from.getTime() + 3 * HOUR), intervalSeconds: 3600 });
    expect(one.total).toMatchObject({ delivered: 0, failed: 0, pending: 1, attempts: 1 });
    expect(one.total.latencyP50Ms).toBeGreaterThanOrEqual(400);
    expect(one.total.latencyP50Ms).toBeLessThanOrEqual(436);
    // Another org's webhook shows nothing of it.
    const other = await deliveryStats(db.pool, { orgId: 'org_b', webhookId: 'wh_1', from, to: new Date(from.getTime() + HOUR), intervalSeconds: 600 });
    expect(other.total.attempts + other.total.delivered + other.total.failed).toBe(0);
  });

  it('refuses a window that is empty or holds more than 1000 buckets', async () => {
    await expect(deliveryStats(db.pool, { orgId: 'org_a', from, to: from, intervalSeconds: 60 })).rejects.toMatchObject({ code: 'window_invalid' });
    await expect(deliveryStats(db.pool, { orgId: 'org_a', from, to: new Date(from.getTime() + 30 * 24 * HOUR), intervalSeconds: 60 })).rejects.toMatchObject({ code: 'interval_too_small', param: 'interval' });
  });

  it('counts a 30-day window of 1 M deliveries and their attempts per day and per webhook', async () => {
    const start = new Date('2026-05-01T00:00:00Z');
    // Seeded directly: 1 M deliveries over 30 days for one org (10 webhooks), one attempt each.
    await db.pool.query(
      `insert into delivery (id, org_id, webhook_id, event_id, event_type, status, created_at)
       select 'big_' || i, 'org_big', 'wh_big_' || (i % 10), 'evt_' || i, 't',
              (array['delivered', 'delivered', 'delivered', 'failed', 'pending'])[1 + i % 5],
              $1::timestamptz + (i * interval '2.592 seconds')
         from generate_series(0, 999999) i`,
      [start],
    );
    await db.pool.query(
      `insert into attempt (id, delivery_id, number, started_at, duration_ms, created_at)
       select 'att_big_' || i, 'big_' || i, 1, $1::timestamptz + (i * interval '2.592 seconds'), 20 + (i % 300), $1::timestamptz + (i * interval '2.592 seconds')
         from generate_series(0, 999999) i`,
      [start],
    );
    await db.pool.query('vacuum analyze delivery');
    await db.pool.query('vacuum analyze attempt');
    // As if the dispatcher had run all along: roll the whole history up from the start.
    await db.pool.query('update delivery_stats_state set sealed_until = null, attempts_seen_until = null');
    await refreshDeliveryStats(db.pool);

    const window = { orgId: 'org_big', from: start, to: new Date(start.getTime() + 30 * 24 * HOUR), intervalSeconds: 86_400 };
    const stats = await deliveryStats(db.pool, window);
    const oneWebhook = await deliveryStats(db.pool, { ...window, webhookId: 'wh_big_3' });

    expect(stats.buckets).toHaveLength(30);
    expect(stats.total.delivered + stats.total.failed + stats.total.pending).toBe(1_000_000);
    expect(stats.total.attempts).toBe(1_000_000);
    // Every day of the window counts its own share, and one webhook its tenth of them.
    expect(stats.buckets.reduce((sum, b) => sum + b.delivered + b.failed + b.pending, 0)).toBe(1_000_000);
    expect(stats.buckets.every((b) => b.delivered + b.failed + b.pending > 30_000)).toBe(true);
    expect(oneWebhook.total.delivered + oneWebhook.total.failed + oneWebhook.total.pending).toBe(100_000);
  }, 300_000);
});
