import { randomBytes } from 'node:crypto';
import { createLogger } from '@hookline/logging';
import { createSecretBox } from '@hookline/secrets';
import { testDatabaseUrl, uniqueSuffix } from '@hookline/testing';
import type { Database } from '@hookline/db';
import { openGatewayDatabase } from '../db/gateway-database';
import { IdempotencyStore } from './idempotency-store';

// Expired idempotency records are pruned in small batches; rows are back-dated in the database.

let db: Database;
beforeAll(async () => {
  db = await openGatewayDatabase(testDatabaseUrl, `t_gw_idem_${uniqueSuffix()}`, createLogger('idempotency-test', 'silent'));
});
afterAll(() => db?.close());

it('deleteExpired removes every key older than 24 h, batch by batch, and keeps younger ones', async () => {
  const store = new IdempotencyStore(db, createSecretBox(randomBytes(32), { purpose: 'gateway idempotency' }));
  await db.pool.query(
    `insert into idempotency_keys (scope, idempotency_key, request_hash, created_at)
     select 'key_a', 'old-' || n, 'h', now() - interval '25 hours' from generate_series(1, 23) n`,
  );
  await store.claim('key_a', 'fresh', 'h');
  await db.pool.query(`insert into idempotency_keys (scope, idempotency_key, request_hash, created_at) values ('key_a', 'almost', 'h', now() - interval '23 hours')`);

  expect(await store.deleteExpired(5)).toBe(23);
  const left = await db.pool.query('select idempotency_key from idempotency_keys order by 1');
  expect(left.rows.map((r) => r.idempotency_key)).toEqual(['almost', 'fresh']);
});
