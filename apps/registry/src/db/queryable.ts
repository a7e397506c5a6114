import type { PoolClient } from '@hookline/db';

/** A pool or a transaction's client: anything that runs SQL. */
export type Queryable = Pick<PoolClient, 'query'>;
