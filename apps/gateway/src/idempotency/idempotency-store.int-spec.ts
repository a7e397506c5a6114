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

it('a master-key rotation re-seals stored responses; while the old key is still named, a retry across it replays the first answer', async () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const before = new IdempotencyStore(db, createSecretBox(oldKey, { purpose: 'gateway idempotency' }));
  expect(await before.claim('key_r', 'create-1', 'request-digest')).toEqual({ kind: 'claimed' });
  await before.complete('key_r', 'create-1', 201, '{"key":"hk_shown_once"}');
  const backup = (await db.pool.query(`select response_body from idempotency_keys where scope = 'key_r'`)).rows[0].response_body as string;

  const rotating = new IdempotencyStore(db, createSecretBox(newKey, { purpose: 'gateway idempotency', previous: [oldKey] }));
  expect(await rotating.reencrypt()).toBe(1);
  expect(await rotating.reencrypt()).toBe(0);
  // Request fingerprints are keyed and cannot be re-keyed: a retry is matched under the previous key
  // for as long as it is named (the 24 h replay window; see docs/security.md).
  expect(await rotating.claim('key_r', 'create-1', 'request-digest')).toEqual({ kind: 'replay', status: 201, body: '{"key":"hk_shown_once"}' });
  expect(await rotating.claim('key_r', 'create-1', 'another-request')).toEqual({ kind: 'reused' });
  // The stored row no longer opens with the old key; the old backup does not open with the new one.
  const stored = (await db.pool.query(`select response_body from idempotency_keys where scope = 'key_r'`)).rows[0].response_body as string;
  expect(() => createSecretBox(oldKey, { purpose: 'gateway idempotency' }).open(stored)).toThrow(/HOOKLINE_MASTER_KEY/);
  expect(() => createSecretBox(newKey, { purpose: 'gateway idempotency' }).open(backup)).toThrow(/HOOKLINE_MASTER_KEY/);
});
