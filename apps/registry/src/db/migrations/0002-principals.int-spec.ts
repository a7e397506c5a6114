import { openDatabase, type Database } from '@hookline/db';
import { testDatabaseUrl, uniqueSuffix } from '@hookline/testing';
import { registryMigrations } from './index';

describe('migration 0002-principals', () => {
  const schema = `t_registry_mig_${uniqueSuffix()}`;
  let db: Database | undefined;

  afterAll(async () => {
    await db?.pool.query(`drop schema if exists ${schema} cascade`);
    await db?.close();
  });

  const insertKey = (id: string, owner: string, createdBy: string, role = 'admin') =>
    db!.pool.query(
      `insert into api_key (id, org_id, role, owner, prefix, key_hash, created_by, created_at) values ($1, 'org_m', $2, $3, 'hk_x', $4, $5, now())`,
      [id, role, owner, Buffer.from(id), createdBy],
    );

  it('gives existing keys their principal: the owner for operator keys, the creator principal down a chain of org keys', async () => {
    db = await openDatabase({ url: testDatabaseUrl, schema, migrations: registryMigrations.slice(0, 1) });
    await db.pool.query(`insert into organization (id, name, created_at) values ('org_m', 'Migrated', now())`);
    await insertKey('key_first', 'alice@example.com', 'operator');
    await insertKey('key_puppet', 'mallory@example.com', 'key_first');
    await insertKey('key_puppet2', 'trent@example.com', 'key_puppet', 'developer');
    await insertKey('key_bob', 'bob@example.com', 'operator');
    await db.close();

    db = await openDatabase({ url: testDatabaseUrl, schema, migrations: registryMigrations });
    const { rows } = await db.pool.query('select id, principal, status from api_key order by id');
    expect(rows).toEqual([
      { id: 'key_bob', principal: 'bob@example.com', status: 'active' },
      { id: 'key_first', principal: 'alice@example.com', status: 'active' },
      { id: 'key_puppet', principal: 'alice@example.com', status: 'active' },
      { id: 'key_puppet2', principal: 'alice@example.com', status: 'active' },
    ]);
  });

  it('down() restores the old schema without making a key awaiting approval usable', async () => {
    await db!.pool.query(
      `insert into api_key (id, org_id, role, owner, prefix, key_hash, created_by, created_at, principal, status)
       values ('key_pending', 'org_m', 'admin', 'eve@example.com', 'hk_x', 'p', 'key_first', now(), 'alice@example.com', 'pending_approval')`,
    );
    await db!.pool.query(
      `insert into approval (id, org_id, webhook_id, action, status, requested_by, requested_by_key_id, expires_at, created_at,
         change_redacted, change_sealed, change_hash, webhook_version, resource_type, resource_id, requested_by_principal)
       values ('apr_m', 'org_m', null, 'create', 'pending', 'alice@example.com', 'key_first', now(), now(), '{}', 'x', 'h', 0, 'api_key', 'key_pending', 'alice@example.com')`,
    );

    // Back to before 0002 (reverting the migrations after it first).
    await db!.orm.getMigrator().down({ to: '0002-principals' });

    const columns = await db!.pool.query(
      `select table_name, column_name from information_schema.columns where table_schema = $1
         and ((table_name = 'api_key' and column_name in ('principal', 'status'))
           or (table_name = 'approval' and column_name in ('resource_type', 'resource_id', 'requested_by_principal')))`,
      [schema],
    );
    expect(columns.rows).toEqual([]);
    expect((await db!.pool.query(`select count(*)::int as n from approval`)).rows[0].n).toBe(0);
    const pending = await db!.pool.query(`select revoked_at from api_key where id = 'key_pending'`);
    expect(pending.rows[0].revoked_at).toBeInstanceOf(Date);
    expect((await db!.pool.query(`select revoked_at from api_key where id = 'key_first'`)).rows[0].revoked_at).toBeNull();

    // And up again.
    await db!.orm.getMigrator().up();
    expect((await db!.pool.query(`select principal from api_key where id = 'key_puppet'`)).rows[0].principal).toBe('alice@example.com');
  });
});
