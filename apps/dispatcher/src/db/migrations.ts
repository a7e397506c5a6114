import { lz4CompressionSql, Migration, type MigrationEntry } from '@hookline/db';
import { DEAD_LETTER_TABLE_SQL } from '@hookline/kafka';
import { CreateNotificationChannels } from '../notify/channel-store';
import { CreateRelayRequests } from '../relay/relay-store';
import { CreateNotificationState } from '../notify/notify-state-store';
import { DeliveryStatsRollup } from './stats-migration';

/** Deliveries (one per event × webhook), their attempts, and per-webhook health. */
class CreateDeliveries extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      create table delivery (
        id text primary key,
        org_id text not null,
        webhook_id text not null,
        event_id text not null,
        event_type text not null,
        is_test boolean not null default false,
        status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
        attempt_count int not null default 0,
        last_attempt_at timestamptz,
        next_attempt_at timestamptz,
        response_status int,
        manual boolean not null default false,
        envelope_json text not null,
        traceparent text not null default '',
        published_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint delivery_event_webhook_unique unique (event_id, webhook_id)
      )`);
    this.addSql('create index delivery_org_created_idx on delivery (org_id, created_at desc, id desc)');
    this.addSql('create index delivery_webhook_created_idx on delivery (webhook_id, created_at desc, id desc)');
    this.addSql(`create index delivery_due_idx on delivery (next_attempt_at) where status = 'pending' and next_attempt_at is not null`);
    this.addSql(`
      create table attempt (
        id text primary key,
        delivery_id text not null,
        number int not null,
        started_at timestamptz not null,
        duration_ms int not null,
        request_headers jsonb not null default '{}',
        response_status int,
        response_headers jsonb not null default '{}',
        response_body text not null default '',
        error_class text,
        error_message text,
        created_at timestamptz not null default now()
      )`);
    this.addSql('create index attempt_delivery_idx on attempt (delivery_id, number)');
    this.addSql('create index attempt_created_idx on attempt (created_at)');
    // Whether a webhook has been failing without a success (5 days -> disabled).
    this.addSql(`
      create table webhook_health (
        webhook_id text primary key,
        org_id text not null,
        last_success_at timestamptz,
        failing_since timestamptz
      )`);
    this.addSql(`
      create table recovery_job (
        id text primary key,
        org_id text not null,
        webhook_id text not null,
        since timestamptz not null,
        until timestamptz not null,
        status text not null,
        requeued int not null default 0,
        created_at timestamptz not null default now(),
        finished_at timestamptz
      )`);
  }
}

/**
 * Throughput: an event's envelope is stored once (`delivery_payload`) instead of in each of its
 * deliveries; and a first attempt's status update can be a HOT update (no new index entries)
 * — `status` leaves the due-retry index's predicate (delivered and failed rows never have a
 * `next_attempt_at`) and pages keep room for the updated row version.
 */
class SlimDeliveries extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      create table delivery_payload (
        event_id text primary key,
        envelope_json text not null,
        created_at timestamptz not null default now()
      )`);
    this.addSql(`alter table delivery alter column envelope_json set default ''`);
    this.addSql('drop index delivery_due_idx');
    this.addSql('create index delivery_due_idx on delivery (next_attempt_at) where next_attempt_at is not null');
    this.addSql('alter table delivery set (fillfactor = 80)');
  }
}

/** Records a consumer can never process (DESIGN §1: listable and replayable by the operator). */
class CreateDeadLetters extends Migration {
  async up(): Promise<void> {
    this.addSql(DEAD_LETTER_TABLE_SQL);
  }
}

/**
 * Deliveries of a paused webhook are held (not attempted, no attempt counted) until it is
 * resumed; `held_since` marks them, and a small partial index finds the webhooks that have some.
 * Retention finds expired deliveries by creation time.
 */
class HoldDeliveries extends Migration {
  async up(): Promise<void> {
    this.addSql('alter table delivery add column held_since timestamptz');
    this.addSql('create index delivery_held_idx on delivery (webhook_id) where held_since is not null');
    // Retention deletes by age in small batches: found through this index, not a table scan.
    this.addSql('create index if not exists delivery_created_idx on delivery (created_at)');
  }
}

/**
 * The retry poller claims the earliest due deliveries a few hundred at a time: an index in that
 * order (due time, then id) lets it read just those rows, where an index on the due time alone
 * made it collect and sort every due row, each joined to its payload, on every claim — minutes
 * of PostgreSQL time per second once tens of thousands were due.
 */
class ClaimDueInOrder extends Migration {
  async up(): Promise<void> {
    this.addSql('create index delivery_due_order_idx on delivery (next_attempt_at, id) where next_attempt_at is not null');
    this.addSql('drop index delivery_due_idx');
  }
}

/** Envelopes up to 256 KiB (and response bodies) are compressed on insert: LZ4 costs a fraction of pglz. */
class Lz4Bodies extends Migration {
  async up(): Promise<void> {
    this.addSql(lz4CompressionSql('delivery_payload', 'envelope_json'));
    this.addSql(lz4CompressionSql('attempt', 'response_body'));
  }
}

/**
 * One copy of each event's body: ingestion's archive. The dispatcher makes a first attempt from
 * the event it read from the topic and reads the body back from the archive for every later
 * attempt, so it keeps none. Nothing is copied first: the archive holds every event these rows
 * (and the pre-2026-11-25 `delivery.envelope_json` column) were written from, under a retention
 * at least as long as any retry schedule.
 */
class OneCopyOfEachBody extends Migration {
  async up(): Promise<void> {
    this.addSql('drop table if exists delivery_payload');
    this.addSql('alter table delivery drop column if exists envelope_json');
  }
}

export const migrations: MigrationEntry[] = [
  { name: 'Migration20260101000000CreateDeliveries', class: CreateDeliveries },
  { name: 'Migration20261125000000SlimDeliveries', class: SlimDeliveries },
  { name: 'Migration20261129000000DeadLetters', class: CreateDeadLetters },
  { name: 'Migration20261129000000DeliveryStatsRollup', class: DeliveryStatsRollup },
  { name: 'Migration20261129000000HoldDeliveries', class: HoldDeliveries },
  { name: 'Migration20261130000000ClaimDueInOrder', class: ClaimDueInOrder },
  { name: 'Migration20261130000001Lz4Bodies', class: Lz4Bodies },
  { name: 'Migration20261207000000NotificationChannels', class: CreateNotificationChannels },
  { name: 'Migration20261207000001RelayRequests', class: CreateRelayRequests },
  { name: 'Migration20261207000002NotificationState', class: CreateNotificationState },
  { name: 'Migration20261208000000OneCopyOfEachBody', class: OneCopyOfEachBody },
];
