import { createLogger } from '@hookline/logging';
import { testDatabaseUrl, uniqueSuffix } from '@hookline/testing';
import { openGatewayDatabase } from './gateway-database';

it('the gateway migrations roll back to an empty schema and apply again', async () => {
  const schema = `t_gw_down_${uniqueSuffix()}`;
  const db = await openGatewayDatabase(testDatabaseUrl, schema, createLogger('gateway-db-test', 'silent'));
  const tables = async () =>
    (await db.pool.query<{ name: string }>('select table_name as name from information_schema.tables where table_schema = $1 order by 1', [schema])).rows.map((r) => r.name);
  try {
    expect(await tables()).toEqual(['idempotency_keys', 'mikro_orm_migrations']);
    await db.orm.getMigrator().down({ to: 0 });
    expect(await tables()).toEqual(['mikro_orm_migrations']);
    await db.orm.getMigrator().up();
    expect(await tables()).toEqual(['idempotency_keys', 'mikro_orm_migrations']);
  } finally {
    await db.pool.query(`drop schema ${schema} cascade`);
    await db.close();
  }
});
