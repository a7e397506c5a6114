import { Migration } from '@hookline/db';

/** An organization's own wire profile (DESIGN §3); an organization without a row has the platform default. */
export class CreateWireProfiles extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table org_wire_profile (
      org_id text primary key references organization (id),
      profile jsonb not null,
      updated_at timestamptz not null
    )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table org_wire_profile');
  }
}
