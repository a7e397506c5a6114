import { schemaDrift, type Database } from '@hookline/db';
import { createLogger } from '@hookline/logging';
import { separateTestDatabaseUrl, uniqueSuffix } from '@hookline/testing';
import { openGatewayDatabase } from './gateway-database';

describe('gateway entities', () => {
  let db: Database;

  beforeEach(async () => {
    db = await openGatewayDatabase(separateTestDatabaseUrl('schema_check'), `t_gw_ent_${uniqueSuffix()}`, createLogger('gateway-entities-test', 'silent'));
  });

  afterEach(async () => {
    await db.pool.query(`drop schema ${db.schema} cascade`);
    await db.close();
  });

  it('describe exactly the schema the migrations create', async () => {
    expect(await schemaDrift(db)).toBe('');
  });

  it('still match after every migration is rolled back and applied again', async () => {
    await db.orm.getMigrator().down({ to: 0 });
    await db.orm.getMigrator().up();

    expect(await schemaDrift(db)).toBe('');
  });

  it('disagree with a table whose column or index differs', async () => {
    await db.pool.query(`alter table idempotency_keys alter column locked_at drop default`);
    await db.pool.query(`drop index idempotency_keys_created_at`);

    const drift = await schemaDrift(db);

    expect(drift).toContain('"locked_at"');
    expect(drift).toContain('idempotency_keys_created_at');
  });
});
