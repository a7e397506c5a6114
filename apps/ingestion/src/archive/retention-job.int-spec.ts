import { openDatabase, type Database } from '@hookline/db';
import { testDatabaseUrl, uniqueSuffix } from '@hookline/testing';
import { EventArchive } from '../db/event-archive';
import { IdempotencyKeys } from '../db/idempotency-keys';
import { migrations } from '../db/migrations';
import type { Event } from '../events/event';
import { enforceRetention } from './retention-job';

const DAY = 86_400_000;
const now = new Date('2026-03-01T12:00:00.000Z');

const event = (id: string, ageMs: number): Event => ({
  id,
  orgId: 'org_a',
  type: 'a.happened',
  source: 'hookline',
  time: new Date(now.getTime() - ageMs).toISOString(),
  isTest: false,
  dataJson: '{}',
  targetWebhookId: '',
  idempotencyKey: '',
  group: '',
});

describe('retention cleanup', () => {
  let db: Database;
  let archive: EventArchive;
  let keys: IdempotencyKeys;

  beforeAll(async () => {
    db = await openDatabase({ url: testDatabaseUrl, schema: `t_ingestion_${uniqueSuffix()}`, migrations });
    archive = new EventArchive(db.pool);
    keys = new IdempotencyKeys(db.pool, { windowHours: 24, attemptTimeoutSeconds: 30 });
  });
  afterAll(() => db?.close());

  it('deletes events older than the retention in small batches and keeps younger ones', async () => {
    const old = Array.from({ length: 23 }, (_, i) => event(`evt_old${String(i).padStart(3, '0')}`, 31 * DAY + i * 1000));
    const young = [event('evt_young1', 29 * DAY), event('evt_young2', 1000)];
    await archive.insert([...old, ...young]);

    const deleted = await enforceRetention({ archive, idempotencyKeys: keys, retentionDays: 30, batchSize: 5, now: () => now });

    expect(deleted.events).toBe(23);
    const { rows } = await db.pool.query('select id from events order by id');
    expect(rows.map((r) => r.id)).toEqual(['evt_young1', 'evt_young2']);
  });

  it('forgets idempotency keys after 24 h', async () => {
    await db.pool.query(
      `insert into idempotency_keys (org_id, key, event_id, state, event_json, created_at) values
       ('org_a', 'old', 'evt_1', 'published', '{}', $1), ('org_a', 'fresh', 'evt_2', 'published', '{}', $2)`,
      [new Date(now.getTime() - 25 * 3_600_000), new Date(now.getTime() - 3_600_000)],
    );
    const deleted = await enforceRetention({ archive, idempotencyKeys: keys, retentionDays: 30, batchSize: 5, now: () => now });
    expect(deleted.keys).toBe(1);
    const { rows } = await db.pool.query('select key from idempotency_keys');
    expect(rows.map((r) => r.key)).toEqual(['fresh']);
  });
});
