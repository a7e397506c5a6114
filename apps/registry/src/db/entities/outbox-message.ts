import { EntitySchema } from '@hookline/db';

/**
 * A message queued in the transaction of the change it reports. Mapped for the schema check only:
 * writers add rows with SQL (insert + pg_notify in one statement) and the relay claims them in batches.
 */
export interface OutboxMessageRecord {
  seq: string;
  topic: 'webhook_change' | 'credential_change' | 'audit';
  message_key: string;
  payload: Buffer;
  created_at: Date;
  sent_at: Date | null;
}

export const OutboxMessageEntity = new EntitySchema<OutboxMessageRecord>({
  name: 'OutboxMessage',
  tableName: 'outbox',
  properties: {
    seq: { type: 'bigint', columnType: 'bigint', primary: true, autoincrement: true },
    topic: { enum: true, items: ['webhook_change', 'credential_change', 'audit'] },
    message_key: { type: 'text' },
    payload: { type: 'blob', columnType: 'bytea' },
    created_at: { type: 'timestamptz', defaultRaw: 'now()' },
    sent_at: { type: 'timestamptz', nullable: true },
  },
  indexes: [{ name: 'outbox_unsent_idx', expression: 'create index outbox_unsent_idx on outbox (seq) where sent_at is null' }],
});
