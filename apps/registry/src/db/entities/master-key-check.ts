import { EntitySchema } from '@hookline/db';

/** The master-key canary: one sealed value, opened at start to prove the key is the right one. */
export interface MasterKeyCheckRecord {
  id: number;
  sealed: string;
}

export const MasterKeyCheckEntity = new EntitySchema<MasterKeyCheckRecord>({
  name: 'MasterKeyCheck',
  tableName: 'master_key_check',
  properties: {
    id: { type: 'integer', columnType: 'int', primary: true, autoincrement: false },
    sealed: { type: 'text' },
  },
});
