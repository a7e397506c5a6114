import { Migration } from '@hookline/db';
import { newId } from '@hookline/ids';
import type { SecretBox } from '@hookline/secrets';
import type { Pool } from 'pg';
import type { ChannelSource } from './notifier';
import type { ChannelKind, NotificationChannel } from './notification-channel';

/**
 * The org's notification channels. A chat target (Slack/Teams incoming-webhook URL) is the chat
 * service's secret: it is stored sealed (SecretBox, like webhook signing secrets) and the API shows
 * only its origin; an email address is stored as it is.
 */
export class CreateNotificationChannels extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      create table notification_channel (
        id text primary key,
        org_id text not null,
        kind text not null check (kind in ('email', 'slack', 'teams')),
        target text not null,
        event_types text[] not null,
        failing_for_minutes int not null,
        dedupe_window_minutes int not null,
        max_per_hour int not null,
        created_at timestamptz not null default now()
      )`);
    this.addSql('create index notification_channel_org_idx on notification_channel (org_id, id)');
  }
}

export interface StoredChannel extends NotificationChannel {
  createdAt: Date;
}

interface ChannelRow {
  id: string;
  org_id: string;
  kind: ChannelKind;
  target: string;
  event_types: string[];
  failing_for_minutes: number;
  dedupe_window_minutes: number;
  max_per_hour: number;
  created_at: Date;
}

const isChat = (kind: ChannelKind) => kind !== 'email';

const rowToChannel = (row: ChannelRow, box: SecretBox): StoredChannel => ({
  id: row.id,
  orgId: row.org_id,
  kind: row.kind,
  target: isChat(row.kind) ? box.open(row.target) : row.target,
  eventTypes: row.event_types,
  failingForMinutes: row.failing_for_minutes,
  dedupeWindowMinutes: row.dedupe_window_minutes,
  maxPerHour: row.max_per_hour,
  createdAt: row.created_at,
});

export async function listChannels(pool: Pool, box: SecretBox, orgId: string): Promise<StoredChannel[]> {
  const { rows } = await pool.query<ChannelRow>('select * from notification_channel where org_id = $1 order by id', [orgId]);
  return rows.map((row) => rowToChannel(row, box));
}

export async function countChannels(pool: Pool, orgId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from notification_channel where org_id = $1', [orgId]);
  return rows[0].n;
}

export async function insertChannel(pool: Pool, box: SecretBox, channel: Omit<NotificationChannel, 'id'>): Promise<StoredChannel> {
  const { rows } = await pool.query<ChannelRow>(
    `insert into notification_channel (id, org_id, kind, target, event_types, failing_for_minutes, dedupe_window_minutes, max_per_hour)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning *`,
    [newId('nch'), channel.orgId, channel.kind, isChat(channel.kind) ? box.seal(channel.target) : channel.target, channel.eventTypes, channel.failingForMinutes, channel.dedupeWindowMinutes, channel.maxPerHour],
  );
  return rowToChannel(rows[0], box);
}

/**
 * At start: chat targets stored in clear (before they were sealed) or under a master key being
 * rotated away from are sealed under the current key. A sealed value is `<key id>:<base64>`; a
 * URL in clear starts with its scheme.
 */
export async function sealChatTargets(pool: Pool, box: SecretBox): Promise<number> {
  const { rows } = await pool.query<{ id: string; target: string }>(`select id, target from notification_channel where kind <> 'email'`);
  let sealed = 0;
  for (const row of rows) {
    const inClear = /^https?:\/\//i.test(row.target);
    if (!inClear && box.isCurrent(row.target)) continue;
    const target = box.seal(inClear ? row.target : box.open(row.target));
    await pool.query('update notification_channel set target = $2 where id = $1 and target = $3', [row.id, target, row.target]);
    sealed += 1;
  }
  return sealed;
}

/** True when the org had that channel. */
export async function deleteChannel(pool: Pool, orgId: string, channelId: string): Promise<boolean> {
  const { rowCount } = await pool.query('delete from notification_channel where org_id = $1 and id = $2', [orgId, channelId]);
  return (rowCount ?? 0) > 0;
}

/** The notifier's view of the table, cached briefly: operational events come in bursts. */
export class StoredChannels implements ChannelSource {
  private readonly cache = new Map<string, { at: number; channels: NotificationChannel[] }>();

  constructor(
    private readonly pool: Pool,
    private readonly box: SecretBox,
    private readonly maxAgeMs = 5_000,
  ) {}

  async channelsOf(orgId: string): Promise<NotificationChannel[]> {
    const cached = this.cache.get(orgId);
    if (cached && Date.now() - cached.at < this.maxAgeMs) return cached.channels;
    const channels = await listChannels(this.pool, this.box, orgId);
    if (this.cache.size >= 10_000) this.cache.clear();
    this.cache.set(orgId, { at: Date.now(), channels });
    return channels;
  }
}
