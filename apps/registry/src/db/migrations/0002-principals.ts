import { Migration } from '@hookline/db';

/**
 * Four-eyes that one person cannot defeat: every API key acts for a principal, and approvals
 * cover API keys and settings as well as webhooks.
 */
export class AddPrincipalsAndApprovalTargets extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table api_key add column principal text`);
    // Keys the operator (or a service) created belong to their owner; keys created by an org key
    // belong to their creator's principal, down the chain.
    this.addSql(`with recursive chain (id, principal) as (
        select id, owner from api_key where created_by not like 'key\\_%'
        union all
        select k.id, c.principal from api_key k join chain c on k.created_by = c.id
      )
      update api_key k set principal = chain.principal from chain where chain.id = k.id`);
    this.addSql(`update api_key set principal = owner where principal is null`);
    this.addSql(`alter table api_key alter column principal set not null`);
    this.addSql(`alter table api_key add column status text not null default 'active'
      check (status in ('active', 'pending_approval', 'rejected'))`);

    this.addSql(`alter table approval add column resource_type text not null default 'webhook'
      check (resource_type in ('webhook', 'api_key', 'settings'))`);
    this.addSql(`alter table approval add column resource_id text not null default ''`);
    this.addSql(`update approval set resource_id = webhook_id`);
    this.addSql(`alter table approval alter column webhook_id drop not null`);
    this.addSql(`alter table approval add constraint approval_webhook_target_check check ((resource_type = 'webhook') = (webhook_id is not null))`);
    this.addSql(`alter table approval drop constraint approval_action_check`);
    this.addSql(`alter table approval add constraint approval_action_check check (action in ('create', 'update', 'delete', 'revoke'))`);
    this.addSql(`alter table approval add column requested_by_principal text not null default ''`);
    this.addSql(`update approval a set requested_by_principal = coalesce(
        (select k.principal from api_key k where k.id = a.requested_by_key_id), a.requested_by)`);
    this.addSql(`create index approval_resource_idx on approval (resource_type, resource_id, created_at desc, id desc)`);
  }

  override async down(): Promise<void> {
    // Approvals of keys and settings have no place in the old schema; a key that never became
    // active must not become usable by losing its status.
    this.addSql(`delete from approval where resource_type <> 'webhook'`);
    this.addSql(`drop index approval_resource_idx`);
    this.addSql(`alter table approval drop column requested_by_principal`);
    this.addSql(`alter table approval drop constraint approval_action_check`);
    this.addSql(`alter table approval add constraint approval_action_check check (action in ('create', 'update', 'delete'))`);
    this.addSql(`alter table approval drop constraint approval_webhook_target_check`);
    this.addSql(`alter table approval alter column webhook_id set not null`);
    this.addSql(`alter table approval drop column resource_id`);
    this.addSql(`alter table approval drop column resource_type`);
    this.addSql(`update api_key set revoked_at = coalesce(revoked_at, now()) where status <> 'active'`);
    this.addSql(`alter table api_key drop column status`);
    this.addSql(`alter table api_key drop column principal`);
  }
}
