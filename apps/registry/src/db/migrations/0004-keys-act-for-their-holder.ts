import { Migration } from '@hookline/db';

/**
 * A key acts for the principal that received its plaintext. Keys an org key created and another
 * admin approved used to take their owner label as their principal while their creator held them:
 * they go back to their creator's principal, down the chain (the operator's keys keep their owner).
 */
export class KeysActForTheirHolder extends Migration {
  async up(): Promise<void> {
    this.addSql(`with recursive chain (id, principal) as (
        select id, principal from api_key where created_by not like 'key\\_%'
        union all
        select k.id, c.principal from api_key k join chain c on k.created_by = c.id
      )
      update api_key k set principal = chain.principal from chain where chain.id = k.id and k.principal <> chain.principal`);
  }

  override async down(): Promise<void> {
    // Nothing to undo: the earlier principals were the flaw this repairs.
  }
}
