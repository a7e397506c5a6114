import { EntitySchema } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { testDatabaseUrl, uniqueSuffix } from '@hookline/testing';
import { Migration, openDatabase, withTransaction } from './index';

class CreateNotes extends Migration {
  async up(): Promise<void> {
    this.addSql('create table note (id text primary key, body text not null, created_at timestamptz not null default now())');
  }
}

interface Note {
  id: string;
  body: string;
}
const NoteEntity = new EntitySchema<Note>({
  name: 'Note',
  tableName: 'note',
  properties: { id: { type: 'string', primary: true }, body: { type: 'string' } },
});

describe('openDatabase', () => {
  it('creates the schema, runs migrations once, and maps entities in that schema', async () => {
    const schema = `t_db_${uniqueSuffix()}`;
    const options = { url: testDatabaseUrl, schema, entities: [NoteEntity], migrations: [{ name: '0001-notes', class: CreateNotes }] };
    const db = await openDatabase(options);
    try {
      const em = db.orm.em.fork();
      em.create(NoteEntity, { id: 'n1', body: 'hello' });
      await em.flush();
      const { rows } = await db.pool.query('select id, body from note');
      expect(rows).toEqual([{ id: 'n1', body: 'hello' }]);
      const tables = await db.pool.query(
        'select table_name from information_schema.tables where table_schema = $1 order by 1',
        [schema],
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(['mikro_orm_migrations', 'note']);
    } finally {
      await db.close();
    }
    // Re-opening does not re-run the migration (it would fail: table exists).
    const again = await openDatabase(options);
    await again.close();
    const client = new Client({ connectionString: testDatabaseUrl });
    await client.connect();
    await client.query(`drop schema ${schema} cascade`);
    await client.end();
  });

  it('rolls back a failed transaction', async () => {
    const schema = `t_db_${uniqueSuffix()}`;
    const db = await openDatabase({ url: testDatabaseUrl, schema, migrations: [{ name: '0001-notes', class: CreateNotes }] });
    try {
      await expect(
        db.transaction(async (client) => {
          await client.query(`insert into note (id, body) values ('a', 'x')`);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const { rowCount } = await db.pool.query('select 1 from note');
      expect(rowCount).toBe(0);
    } finally {
      await db.pool.query(`drop schema ${schema} cascade`);
      await db.close();
    }
  });

  it('runs a read-only transaction at the asked isolation, and keeps a given connection open', async () => {
    const schema = `t_db_${uniqueSuffix()}`;
    const db = await openDatabase({ url: testDatabaseUrl, schema, migrations: [{ name: '0001-notes', class: CreateNotes }] });
    const client = new Client({ connectionString: testDatabaseUrl, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      const isolation = await withTransaction(
        db.pool,
        async (tx) => (await tx.query<{ level: string }>('select current_setting($1) as level', ['transaction_isolation'])).rows[0].level,
        { isolation: 'repeatable read', readOnly: true },
      );
      expect(isolation).toBe('repeatable read');
      await expect(
        withTransaction(db.pool, (tx) => tx.query(`insert into note (id, body) values ('r', 'x')`), { readOnly: true }),
      ).rejects.toThrow(/read-only transaction/);

      await withTransaction(client, (tx) => tx.query(`insert into note (id, body) values ('c', 'kept')`));
      const { rows } = await client.query('select id from note');
      expect(rows).toEqual([{ id: 'c' }]);
    } finally {
      await client.end();
      await db.pool.query(`drop schema ${schema} cascade`);
      await db.close();
    }
  });
});
