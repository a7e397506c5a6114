import { openDatabase, type Database } from '@hookline/db';
import type { Logger } from '@hookline/logging';
import { gatewayEntities } from './entities';
import { IdempotencyKeys0001 } from './migrations/0001-idempotency-keys';
import { SealedIdempotencyResponses0002 } from './migrations/0002-sealed-idempotency-responses';

/** The gateway's own schema: idempotency keys only (it never reads another service's schema). */
export function openGatewayDatabase(url: string, schema: string, logger: Logger, connection: { poolSize?: number; caFile?: string } = {}): Promise<Database> {
  return openDatabase({
    url,
    schema,
    logger,
    poolSize: connection.poolSize ?? 10,
    caFile: connection.caFile,
    entities: gatewayEntities,
    migrations: [
      { name: '0001-idempotency-keys', class: IdempotencyKeys0001 },
      { name: '0002-sealed-idempotency-responses', class: SealedIdempotencyResponses0002 },
    ],
  });
}
