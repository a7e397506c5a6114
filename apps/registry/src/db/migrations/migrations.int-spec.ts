import { openDatabase } from '@hookline/db';
import { testDatabaseUrl, uniqueSuffix } from '@hookline/testing';
import { registryMigrations } from './index';

describe('registry migrations', () => {
  it('roll back to an empty schema and apply again', async () => {
    const schema = `t_registry_down_${uniqueSuffix()}`;
    const db = await openDatabase({ url: testDatabaseUrl, schema, migrations: registryMigrations });
    const tables = async () =>
      (await db.pool.query<{ name: string }>('select table_name as name from information_schema.tables where table_schema = $1 order by 1', [schema])).rows.map((r) => r.name);
    try {
      const applied = await tables();
      expect(applied).toEqual(expect.arrayContaining(['organization', 'api_key', 'webhook', 'approval', 'outbox', 'portal_session']));

      await db.orm.getMigrator().down({ to: 0 });
      expect(await tables()).toEqual(['mikro_orm_migrations']);

      await db.orm.getMigrator().up();
      expect(await tables()).toEqual(applied);
    } finally {
      await db.pool.query(`drop schema ${schema} cascade`);
      await db.close();
    }
  });
});
