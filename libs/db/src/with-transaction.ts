import { Pool, type ClientBase, type PoolClient } from 'pg';

export interface TransactionOptions {
  /** Defaults to PostgreSQL's own (read committed). */
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
  readOnly?: boolean;
}

/**
 * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
 * Given a pool it checks out a connection for the transaction and releases it after; given a
 * connection it uses that one and leaves it open.
 */
export async function withTransaction<T>(
  source: Pool | ClientBase,
  work: (client: PoolClient) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const checkedOut = source instanceof Pool ? await source.connect() : null;
  const client = (checkedOut ?? source) as PoolClient;
  try {
    await client.query(beginStatement(options));
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    checkedOut?.release();
  }
}

function beginStatement(options: TransactionOptions): string {
  let statement = 'begin';
  if (options.isolation) statement += ` isolation level ${options.isolation}`;
  if (options.readOnly) statement += ' read only';
  return statement;
}
