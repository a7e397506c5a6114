import { EntitySchema } from '@mikro-orm/postgresql';
import { testDatabaseUrl, uniqueSuffix } from '@hookline/testing';
import { Migration, openDatabase, sqlIn, type Database } from './index';

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
  properties: { id: { type: 'text', primary: true }, body: { type: 'text' } },
});

describe('sqlIn', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase({ url: testDatabaseUrl, schema: `t_db_sql_${uniqueSuffix()}`, entities: [NoteEntity], migrations: [{ name: '0001-notes', class: CreateNotes }] });
  });

  afterAll(async () => {
    await db.pool.query(`drop schema ${db.schema} cascade`);
    await db.close();
  });

  it('returns rows as pg does: timestamps as Dates, arrays as arrays, placeholders reused by number', async () => {
    const { rows, rowCount } = await sqlIn(db.orm.em.fork()).query(`select $1::timestamptz as at, $2::text[] as tags, $1::timestamptz = $1::timestamptz as same, 'a?' as q`, [
      new Date('2026-01-02T03:04:05.678Z'),
      ['x', 'y'],
    ]);

    expect(rowCount).toBe(1);
    expect(rows[0]).toEqual({ at: new Date('2026-01-02T03:04:05.678Z'), tags: ['x', 'y'], same: true, q: 'a?' });
  });

  it('commits and rolls back with the entity writes of the same transaction', async () => {
    await db.orm.em.fork().transactional(async (em) => {
      em.create(NoteEntity, { id: 'kept', body: 'entity' });
      await sqlIn(em).query(`insert into note (id, body) values ($1, $2)`, ['kept-sql', 'sql']);
    });
    const failed = db.orm.em.fork().transactional(async (em) => {
      await em.insert(NoteEntity, { id: 'lost', body: 'entity' });
      await sqlIn(em).query(`insert into note (id, body) values ($1, $2)`, ['lost-sql', 'sql']);
      throw new Error('abort');
    });
    await expect(failed).rejects.toThrow('abort');

    const { rows } = await db.pool.query('select id from note order by id');
    expect(rows.map((r) => r.id)).toEqual(['kept', 'kept-sql']);
  });
});
