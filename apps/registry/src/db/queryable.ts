import type { SqlRunner } from '@hookline/db';

/** A pool, a transaction's client or a unit of work: anything that runs SQL. */
export type Queryable = SqlRunner;
