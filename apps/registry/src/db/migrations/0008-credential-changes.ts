import { Migration } from '@hookline/db';

/** The outbox also carries the credential feed (revoked API keys and portal sessions) the gateway's cache follows. */
export class AddCredentialChangeFeed extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table outbox drop constraint outbox_topic_check`);
    this.addSql(`alter table outbox add constraint outbox_topic_check check (topic in ('webhook_change', 'credential_change', 'audit'))`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from outbox where topic = 'credential_change'`);
    this.addSql(`alter table outbox drop constraint outbox_topic_check`);
    this.addSql(`alter table outbox add constraint outbox_topic_check check (topic in ('webhook_change', 'audit'))`);
  }
}
