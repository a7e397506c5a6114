import { Migration } from '@hookline/db';

/**
 * A key stays bound to its event when a produce was not acknowledged, so a retry produces the
 * same event again instead of a second one: `attempt_until` is the lease of the attempt in flight
 * (a retry waits it out), `content_hash` lets a retry with the same content take the key over in
 * the same statement that finds it. Rows written before this migration have no hash ('').
 */
export class KeyedRetries extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table idempotency_keys add column content_hash text not null default ''`);
    this.addSql('alter table idempotency_keys add column attempt_until timestamptz');
    this.addSql(`update idempotency_keys set attempt_until = created_at + interval '30 seconds'`);
    this.addSql('alter table idempotency_keys alter column attempt_until set not null, alter column attempt_until set default now()');
  }
}
