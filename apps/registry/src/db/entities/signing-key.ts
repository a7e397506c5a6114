import { EntitySchema } from '@hookline/db';
import { belongsTo } from './relations';

/** A webhook's signing key (sealed); the newest unretired one signs, retired ones verify for a while. */
export interface SigningKeyRecord {
  id: string;
  webhook_id: string;
  sealed_key: string;
  public_key: string;
  created_at: Date;
  retired_at: Date | null;
}

export const SigningKeyEntity = new EntitySchema<SigningKeyRecord>({
  name: 'SigningKey',
  tableName: 'signing_key',
  properties: {
    id: { type: 'bigint', columnType: 'bigint', primary: true, autoincrement: true },
    webhook_id: belongsTo('Webhook', 'signing_key', 'webhook_id'),
    sealed_key: { type: 'text' },
    public_key: { type: 'text', defaultRaw: `''` },
    created_at: { type: 'timestamptz' },
    retired_at: { type: 'timestamptz', nullable: true },
  },
  indexes: [{ name: 'signing_key_webhook_idx', expression: 'create index signing_key_webhook_idx on signing_key (webhook_id, id desc)' }],
});
