import { Migration } from '@hookline/db';
import type { Pool, PoolClient } from 'pg';
import type { NotificationChannel } from './notification-channel';
import type { Notice } from './notice';

/**
 * What the notify policy remembers, a row per (channel, subject): when a notice was last told and
 * how many were held back since (subject `told <type> <webhook>`), the channel's sends of the last
 * hour (`sent`), a webhook's failing window and the notice it holds below the threshold
 * (`failing <webhook>`). Times are the policy's clock, in milliseconds.
 */
export class CreateNotificationState extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      create table notification_state (
        channel_id text not null,
        subject text not null,
        org_id text not null,
        last_told_at timestamptz,
        suppressed int not null default 0,
        sent_at timestamptz[] not null default '{}',
        window_since timestamptz,
        window_last_seen timestamptz,
        held jsonb,
        touched_at timestamptz not null,
        primary key (channel_id, subject)
      )`);
    this.addSql('create index notification_state_held_idx on notification_state (window_since) where held is not null');
    this.addSql('create index notification_state_touched_idx on notification_state (touched_at)');
  }
}

export interface ChannelState {
  lastToldAt: number | null;
  suppressed: number;
  sentAt: number[];
  windowSince: number | null;
  windowLastSeen: number | null;
  held: Notice | null;
}

interface StateRow {
  last_told_at: Date | null;
  suppressed: number;
  sent_at: Date[];
  window_since: Date | null;
  window_last_seen: Date | null;
  held: (Omit<Notice, 'at'> & { at: string }) | null;
}

const ms = (date: Date | null) => (date === null ? null : date.getTime());
const date = (at: number | null) => (at === null ? null : new Date(at));

export async function readState(client: PoolClient, channelId: string, subject: string): Promise<ChannelState | null> {
  const { rows } = await client.query<StateRow>(
    'select last_told_at, suppressed, sent_at, window_since, window_last_seen, held from notification_state where channel_id = $1 and subject = $2',
    [channelId, subject],
  );
  if (rows.length === 0) return null;
  const row = rows[0];
  return {
    lastToldAt: ms(row.last_told_at),
    suppressed: row.suppressed,
    sentAt: row.sent_at.map((at) => at.getTime()),
    windowSince: ms(row.window_since),
    windowLastSeen: ms(row.window_last_seen),
    held: row.held ? { ...row.held, at: new Date(row.held.at) } : null,
  };
}

export async function writeState(client: PoolClient, channel: NotificationChannel, subject: string, state: ChannelState): Promise<void> {
  const touched = Math.max(state.lastToldAt ?? 0, state.windowLastSeen ?? 0, ...state.sentAt);
  await client.query(
    `insert into notification_state (channel_id, subject, org_id, last_told_at, suppressed, sent_at, window_since, window_last_seen, held, touched_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (channel_id, subject) do update set last_told_at = excluded.last_told_at, suppressed = excluded.suppressed, sent_at = excluded.sent_at,
       window_since = excluded.window_since, window_last_seen = excluded.window_last_seen, held = excluded.held, touched_at = excluded.touched_at`,
    [
      channel.id,
      subject,
      channel.orgId,
      date(state.lastToldAt),
      state.suppressed,
      state.sentAt.map((at) => new Date(at)),
      date(state.windowSince),
      date(state.windowLastSeen),
      state.held ? JSON.stringify(state.held) : null,
      new Date(touched),
    ],
  );
}

/** Windows holding a notice below their threshold, oldest first (bounded: one per channel and failing webhook). */
export async function heldStates(pool: Pool): Promise<{ channelId: string; orgId: string; subject: string; windowSince: number }[]> {
  const { rows } = await pool.query<{ channel_id: string; org_id: string; subject: string; window_since: Date }>(
    'select channel_id, org_id, subject, window_since from notification_state where held is not null order by window_since limit 1000',
  );
  return rows.map((row) => ({ channelId: row.channel_id, orgId: row.org_id, subject: row.subject, windowSince: row.window_since.getTime() }));
}

export async function deleteIdleState(pool: Pool, before: Date): Promise<void> {
  await pool.query('delete from notification_state where touched_at < $1', [before]);
}
