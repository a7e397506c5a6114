import { openDatabase, type Database } from '@hookline/db';
import { testDatabaseUrl, uniqueSuffix } from '@hookline/testing';
import { registryMigrations } from './index';

describe('migration 0004-keys-act-for-their-holder', () => {
  const schema = `t_registry_mig4_${uniqueSuffix()}`;
  let db: Database | undefined;

  afterAll(async () => {
    await db?.pool.query(`drop schema if exists ${schema} cascade`);
    await db?.close();
  });

  it("gives a key an org key created, and another admin approved, back to its creator's principal", async () => {
    db = await openDatabase({ url: testDatabaseUrl, schema, migrations: registryMigrations.slice(0, 3) });
    await db.pool.query(`insert into organization (id, name, created_at) values ('org_m', 'Migrated', now())`);
    const insertKey = (id: string, owner: string, createdBy: string, principal: string) =>
      db!.pool.query(
        `insert into api_key (id, org_id, role, owner, prefix, key_hash, created_by, created_at, principal, status)
         values ($1, 'org_m', 'admin', $2, 'hk_x', $3, $4, now(), $5, 'active')`,
        [id, owner, Buffer.from(id), createdBy, principal],
      );
    await insertKey('key_alice', 'alice@example.com', 'operator', 'alice@example.com');
    await insertKey('key_bob', 'bob@example.com', 'operator', 'bob@example.com');
    // Alice asked for a key "for bob", bob approved it: activation made it bob's while alice holds it.
    await insertKey('key_held', 'bob@example.com', 'key_alice', 'bob@example.com');
    await insertKey('key_held2', 'carol@example.com', 'key_held', 'carol@example.com');
    await db.close();

    db = await openDatabase({ url: testDatabaseUrl, schema, migrations: registryMigrations });
    const { rows } = await db.pool.query('select id, principal from api_key order by id');
    expect(rows).toEqual([
      { id: 'key_alice', principal: 'alice@example.com' },
      { id: 'key_bob', principal: 'bob@example.com' },
      { id: 'key_held', principal: 'alice@example.com' },
      { id: 'key_held2', principal: 'alice@example.com' },
    ]);
  });
});
