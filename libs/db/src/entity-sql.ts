import { types, type QueryResult, type QueryResultRow } from 'pg';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/** What a use case needs to run SQL: pg's `query(text, $n params)` shape. */
export interface SqlRunner {
  query<R extends QueryResultRow = any>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
}

// MikroORM's connection returns dates, timestamps and intervals (and their arrays) as text, to
// hydrate them itself; SQL run beside it gets the values a plain pg client would return.
const TEXT_FROM_ORM = [1082, 1114, 1184, 1186, 1182, 1115, 1185, 1187];
const parsers = new Map(TEXT_FROM_ORM.map((oid) => [oid, types.getTypeParser(oid, 'text')]));

/**
 * SQL in the entity manager's transaction (or on its pool outside one), so a use case can
 * combine entity writes with statements the ORM does not express — an outbox row with
 * `pg_notify`, a version-guarded update — and commit them together.
 */
export function sqlIn(em: EntityManager): SqlRunner {
  return {
    async query(sql, params = []) {
      const knex: Knex = em.getTransactionContext<Knex.Transaction>() ?? em.getKnex();
      const bindings: unknown[] = [];
      // Knex binds `?`; a literal `?` is escaped so only the `$n` placeholders become bindings.
      const text = sql.replace(/\?/g, '\\?').replace(/\$(\d+)/g, (_, n: string) => {
        bindings.push(params[Number(n) - 1] ?? null);
        return '?';
      });
      const result: QueryResult = await knex.raw(text, bindings as Knex.RawBinding[]);
      const parsed = result.fields.filter((f) => parsers.has(f.dataTypeID));
      for (const row of result.rows) {
        for (const field of parsed) {
          if (row[field.name] !== null) row[field.name] = parsers.get(field.dataTypeID)!(row[field.name]);
        }
      }
      return result;
    },
  };
}
