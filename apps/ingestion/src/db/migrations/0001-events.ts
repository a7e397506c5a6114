import { Migration } from '@hookline/db';

/** The event archive (Events API, replay) and the idempotency-key reservations. */
export class CreateEvents extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table events (
      id text primary key,
      org_id text not null,
      type text not null,
      source text not null,
      time timestamptz not null,
      is_test boolean not null,
      data_json text not null,
      target_webhook_id text not null default '',
      idempotency_key text not null default '',
      archived_at timestamptz not null default now()
    )`);
    // ListEvents: one org, newest first, keyset on (time, id).
    this.addSql('create index events_org_time_id_idx on events (org_id, time desc, id desc)');
    // Retention deletes the oldest rows first.
    this.addSql('create index events_time_idx on events (time)');

    // One row per (org, key) for 24 h; `pending` until Kafka acknowledged the event.
    this.addSql(`create table idempotency_keys (
      org_id text not null,
      key text not null,
      event_id text not null,
      state text not null check (state in ('pending', 'published')),
      event_json text not null,
      created_at timestamptz not null default now(),
      primary key (org_id, key)
    )`);
    this.addSql('create index idempotency_keys_created_at_idx on idempotency_keys (created_at)');
  }
}
