import { Migration } from '@hookline/db';

/**
 * Schema-checked publishing (DESIGN §3): each catalog type's schema mode and current schema
 * version, and every version of its schema. Existing types keep mode `off` (nothing they publish is
 * refused); a type that had a schema gets it as version 1.
 */
export class AddEventTypeSchemas extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table event_type
      add column schema_mode text not null default 'off' check (schema_mode in ('enforce', 'warn', 'off')),
      add column schema_version int not null default 0`);
    this.addSql(`create table event_type_schema (
      type text not null,
      version int not null,
      schema_json text not null,
      breaking boolean not null default false,
      created_at timestamptz not null,
      primary key (type, version)
    )`);
    this.addSql(`insert into event_type_schema (type, version, schema_json, breaking, created_at)
      select type, 1, schema_json, false, updated_at from event_type where schema_json <> ''`);
    this.addSql(`update event_type set schema_version = 1 where schema_json <> ''`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table event_type_schema');
    this.addSql('alter table event_type drop column schema_mode, drop column schema_version');
  }
}
