import { DatabaseSchema } from '@mikro-orm/postgresql';
import type { Database } from './database';

/**
 * The SQL MikroORM would run to make the service schema match its entities: empty when the
 * migrations create exactly what the entities describe. Only the service schema is read (not
 * every schema of the database), so the check stays quick beside other suites' schemas.
 */
export async function schemaDrift(db: Pick<Database, 'orm' | 'schema'>): Promise<string> {
  const em = db.orm.em.fork();
  const fromSchema = await DatabaseSchema.create(em.getConnection(), em.getPlatform(), db.orm.config, db.schema, [db.schema]);
  return db.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, schema: db.schema, fromSchema });
}
