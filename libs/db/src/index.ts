export { EntitySchema, LockMode, raw, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
export { Migration } from '@mikro-orm/migrations';
export type { PoolClient } from 'pg';
export * from './ensure-database';
export * from './entity-sql';
export * from './database';
export * from './guard-pool';
export * from './schema-drift';
export * from './with-transaction';
