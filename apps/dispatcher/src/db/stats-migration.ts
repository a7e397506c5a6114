import { Migration } from '@hookline/db';

/**
 * Hourly delivery statistics per webhook, so a 30-day window reads ~720 rows per webhook instead
 * of every delivery. Deliveries are counted in the hour they were created, by their status now;
 * attempt latency in the hour the attempt was recorded, as a log-scale histogram (mergeable
 * across hours). The indexes on created_at never change after insert, so status updates stay HOT.
 */
export class DeliveryStatsRollup extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      create table delivery_stats_hour (
        org_id text not null,
        webhook_id text not null,
        hour timestamptz not null,
        delivered int not null default 0,
        failed int not null default 0,
        pending int not null default 0,
        attempts int not null default 0,
        -- Non-empty bins of the latency histogram (see latency-histogram.ts) and their counts.
        latency_bins int[] not null default '{}',
        latency_counts int[] not null default '{}',
        primary key (org_id, webhook_id, hour)
      )`);
    this.addSql('create index delivery_stats_hour_org_idx on delivery_stats_hour (org_id, hour)');
    this.addSql('create table delivery_stats_state (id int primary key, sealed_until timestamptz, attempts_seen_until timestamptz)');
    this.addSql('insert into delivery_stats_state (id) values (1)');
    this.addSql('create index if not exists delivery_created_idx on delivery (created_at)');
  }
}
