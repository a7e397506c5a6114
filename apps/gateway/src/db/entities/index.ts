import { IdempotencyKeyEntity } from './idempotency-key';

/** Every gateway table as a MikroORM entity, so the migrations can be checked against them. */
export const gatewayEntities = [IdempotencyKeyEntity];
