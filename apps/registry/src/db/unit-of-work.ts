import { sqlIn, type EntityManager } from '@hookline/db';
import type { RegistryDeps } from '../common/deps';
import type { Queryable } from './queryable';

/**
 * One transaction: entities through `em`, and through `query` the SQL the ORM does not express
 * (outbox rows with pg_notify, the webhook store's version-guarded statements), committed together.
 */
export interface UnitOfWork extends Queryable {
  em: EntityManager;
}

/** Runs `work` in one transaction on a fork of the entity manager made for this request. */
export function inTransaction<T>(deps: Pick<RegistryDeps, 'db'>, work: (tx: UnitOfWork) => Promise<T>): Promise<T> {
  return deps.db.orm.em.fork().transactional((em) => work({ em, query: sqlIn(em).query }));
}

/** A request's own entity manager, for reads outside a transaction. */
export function readerFor(deps: Pick<RegistryDeps, 'db'>): EntityManager {
  return deps.db.orm.em.fork();
}
