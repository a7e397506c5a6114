import { EntitySchema } from '@hookline/db';

/** One idempotency key of one caller: the request's keyed fingerprint and, once done, its sealed response. */
export interface IdempotencyKeyRecord {
  scope: string;
  idempotency_key: string;
  request_hash: string;
  /** null while the first request is still running. */
  response_status: number | null;
  /** The exact JSON text sent, sealed (text, not jsonb, so a replay is byte-identical). */
  response_body: string | null;
  created_at: Date;
  locked_at: Date;
  completed_at: Date | null;
}

export const IdempotencyKeyEntity = new EntitySchema<IdempotencyKeyRecord>({
  name: 'IdempotencyKey',
  tableName: 'idempotency_keys',
  properties: {
    scope: { type: 'text', primary: true },
    idempotency_key: { type: 'text', primary: true },
    request_hash: { type: 'text' },
    response_status: { type: 'integer', columnType: 'integer', nullable: true },
    response_body: { type: 'text', nullable: true },
    created_at: { type: 'timestamptz', defaultRaw: 'now()' },
    locked_at: { type: 'timestamptz', defaultRaw: 'now()' },
    completed_at: { type: 'timestamptz', nullable: true },
  },
  indexes: [{ name: 'idempotency_keys_created_at', expression: 'create index idempotency_keys_created_at on idempotency_keys (created_at)' }],
});
