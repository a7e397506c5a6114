import { Migration } from '@hookline/db';

/** The registry's tables. Every secret-bearing column holds AES-256-GCM ciphertext (`<key id>:...`). */
export class CreateRegistrySchema extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table master_key_check (id int primary key, sealed text not null)`);
    this.addSql(`create table organization (
      id text primary key,
      name text not null,
      created_at timestamptz not null
    )`);
    this.addSql(`create index organization_created_idx on organization (created_at desc, id desc)`);
    this.addSql(`create table api_key (
      id text primary key,
      org_id text not null references organization (id),
      name text not null default '',
      role text not null check (role in ('admin', 'developer', 'viewer')),
      owner text not null,
      prefix text not null,
      key_hash bytea not null,
      created_by text not null,
      created_at timestamptz not null,
      revoked_at timestamptz
    )`);
    this.addSql(`create unique index api_key_hash_uq on api_key (key_hash)`);
    this.addSql(`create index api_key_org_idx on api_key (org_id, created_at desc, id desc)`);
    this.addSql(`create table webhook (
      id text primary key,
      org_id text not null references organization (id),
      name text not null,
      description text not null default '',
      url text not null,
      status text not null,
      event_types text[] not null default '{}',
      auth_type text not null default 'none',
      auth_info jsonb not null default '{}',
      auth_sealed text,
      rate_limit_rps int not null,
      timeout_seconds int not null,
      payload text not null,
      signature_scheme text not null,
      public_key text not null default '',
      retry_schedule_seconds int[] not null default '{}',
      ordering text not null,
      disabled_reason text not null default '',
      last_triggered_at timestamptz,
      version bigint not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      deleted_at timestamptz
    )`);
    // Names are unique among live webhooks only: a deleted webhook frees its name.
    this.addSql(`create unique index webhook_name_uq on webhook (org_id, name) where status <> 'deleted'`);
    this.addSql(`create index webhook_org_idx on webhook (org_id, created_at desc, id desc)`);
    this.addSql(`create table signing_key (
      id bigserial primary key,
      webhook_id text not null references webhook (id),
      sealed_key text not null,
      public_key text not null default '',
      created_at timestamptz not null,
      retired_at timestamptz
    )`);
    this.addSql(`create index signing_key_webhook_idx on signing_key (webhook_id, id desc)`);
    this.addSql(`create table org_settings (
      org_id text primary key references organization (id),
      approve_create boolean not null default false,
      approve_update boolean not null default false,
      approve_delete boolean not null default false,
      updated_at timestamptz not null
    )`);
    this.addSql(`create table approval (
      id text primary key,
      org_id text not null references organization (id),
      webhook_id text not null references webhook (id),
      action text not null check (action in ('create', 'update', 'delete')),
      status text not null,
      requested_by text not null,
      requested_by_key_id text not null,
      decided_by text not null default '',
      decided_at timestamptz,
      reason text not null default '',
      expires_at timestamptz not null,
      created_at timestamptz not null,
      change_redacted jsonb not null,
      change_sealed text not null,
      change_hash text not null,
      webhook_version bigint not null
    )`);
    this.addSql(`create index approval_org_idx on approval (org_id, created_at desc, id desc)`);
    this.addSql(`create index approval_webhook_idx on approval (webhook_id, created_at desc, id desc)`);
    this.addSql(`create table event_type (
      type text primary key,
      "group" text not null,
      name text not null,
      description text not null default '',
      schema_json text not null default '',
      builtin boolean not null default false,
      updated_at timestamptz not null
    )`);
    this.addSql(`create table outbox (
      seq bigserial primary key,
      topic text not null check (topic in ('webhook_change', 'audit')),
      message_key text not null,
      payload bytea not null,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    )`);
    this.addSql(`create index outbox_unsent_idx on outbox (seq) where sent_at is null`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table outbox, event_type, approval, org_settings, signing_key, webhook, api_key, organization, master_key_check`);
  }
}
