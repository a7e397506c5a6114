import { testDatabaseUrl, uniqueSuffix } from '@hookline/testing';
import { lz4CompressionSql, Migration, openDatabase, type Database } from './index';

class CreateBodies extends Migration {
  async up(): Promise<void> {
    this.addSql('create table body (id int primary key, text text not null)');
    this.addSql(lz4CompressionSql('body', 'text'));
  }
}

describe('lz4CompressionSql', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase({ url: testDatabaseUrl, schema: `t_db_lz4_${uniqueSuffix()}`, migrations: [{ name: '0001-bodies', class: CreateBodies }] });
  });

  afterAll(async () => {
    await db.pool.query(`drop schema ${db.schema} cascade`);
    await db.close();
  });

  it('stores the column compressed with LZ4, and a large value comes back whole', async () => {
    const { rows } = await db.pool.query<{ method: string }>(
      `select attcompression as method from pg_attribute where attrelid = $1::regclass and attname = 'text'`,
      [`${db.schema}.body`],
    );
    expect(rows[0].method).toBe('l');

    const large = JSON.stringify({ note: 'x'.repeat(256 * 1024), n: Array.from({ length: 1000 }, (_, i) => i) });
    await db.pool.query('insert into body (id, text) values (1, $1)', [large]);
    const stored = await db.pool.query<{ text: string; method: string }>('select text, pg_column_compression(text) as method from body where id = 1');
    expect(stored.rows[0].text).toBe(large);
    expect(stored.rows[0].method).toBe('lz4');
  });
});
