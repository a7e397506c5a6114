import { openDatabase, schemaDrift, type Database } from '@hookline/db';
import { separateTestDatabaseUrl, uniqueSuffix } from '@hookline/testing';
import { registryEntities } from './entities';
import { registryMigrations } from './migrations';

describe('registry entities', () => {
  let db: Database;

  beforeEach(async () => {
    db = await openDatabase({ url: separateTestDatabaseUrl('schema_check'), schema: `t_registry_ent_${uniqueSuffix()}`, entities: registryEntities, migrations: registryMigrations });
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

  it('disagree with a table whose constraint, default or index differs', async () => {
    await db.pool.query(`alter table approval drop constraint approval_webhook_target_check`);
    await db.pool.query(`alter table portal_session alter column features drop default`);
    await db.pool.query(`drop index webhook_name_uq`);

    const drift = await schemaDrift(db);

    expect(drift).toContain('approval_webhook_target_check');
    expect(drift).toContain('"features"');
    expect(drift).toContain('webhook_name_uq');
  });
});
