import { Migration } from '@hookline/db';

export class IdempotencyKeys0001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table idempotency_keys (
        scope text not null,
        idempotency_key text not null,
        request_hash text not null,
        -- null while the first request is still running
        response_status integer,
        -- the exact JSON text sent (text, not jsonb, so a replay is byte-identical)
        response_body text,
        created_at timestamptz not null default now(),
        locked_at timestamptz not null default now(),
        completed_at timestamptz,
        primary key (scope, idempotency_key)
      )`);
    this.addSql('create index idempotency_keys_created_at on idempotency_keys (created_at)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table idempotency_keys');
  }
}
