import { EntitySchema } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { testDatabaseUrl, uniqueSuffix } from '@hookline/testing';
import { Migration, openDatabase } from './index';

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
});
