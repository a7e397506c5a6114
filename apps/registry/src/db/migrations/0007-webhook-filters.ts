import { Migration } from '@hookline/db';

/** A webhook's payload filter (DESIGN §2); null = every event its event types accept. */
export class AddWebhookFilters extends Migration {
  async up(): Promise<void> {
    this.addSql('alter table webhook add column filter jsonb');
  }

  override async down(): Promise<void> {
    this.addSql('alter table webhook drop column filter');
  }
}
