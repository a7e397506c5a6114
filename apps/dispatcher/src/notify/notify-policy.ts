import type { Pool, PoolClient } from 'pg';
import type { NotificationChannel } from './notification-channel';
import type { Notice } from './notice';
import { deleteIdleState, heldStates, readState, writeState, type ChannelState } from './notify-state-store';

export type Decision =
  | { action: 'send'; suppressed: number }
  /** Below the channel's threshold: kept, and told by `due()` once the webhook has failed long enough. */
  | { action: 'hold' }
  /** The same notice was told within the dedupe window. */
  | { action: 'duplicate' }
  /** The channel told its hourly maximum already. */
  | { action: 'rate_limited' };

const HOUR_MS = 3_600_000;
/** A failing window with no failure notice for this long is closed: the next failure opens a new one. */
const WINDOW_IDLE_MS = 24 * HOUR_MS;

/** The state rows of one channel: a failing window per webhook, a dedupe record per notice, the channel's recent sends. */
const failingSubject = (notice: Notice) => `failing ${notice.webhookId}`;
const dedupeSubject = (notice: Notice) => `told ${notice.eventType} ${notice.webhookId}`;
const RATE_SUBJECT = 'sent';

/**
 * Thresholds, dedupe and the rate limit of every channel, decided on one clock, with their state
 * in PostgreSQL (a row per channel and subject): it survives a restart, and two dispatchers
 * deciding for the same channel (a rebalance, `due()` on every instance) take the channel's lock
 * in turn, so a notice is told once and the hourly limit holds across them.
 */
export class NotifyPolicy {
  constructor(private readonly pool: Pool) {}

  decide(channel: NotificationChannel, notice: Notice, now: number): Promise<Decision> {
    return this.locked(channel, async (client) => {
      if (notice.failing && channel.failingForMinutes > 0) {
        const key = failingSubject(notice);
        let window = await readState(client, channel.id, key);
        if (!window || window.windowSince === null || now - (window.windowLastSeen ?? 0) > WINDOW_IDLE_MS) window = { ...emptyState(), windowSince: now };
        window.windowLastSeen = now;
        const matured = now - window.windowSince! >= channel.failingForMinutes * 60_000;
        window.held = matured ? null : notice;
        await writeState(client, channel, key, window);
        if (!matured) return { action: 'hold' };
      }
      return this.admit(client, channel, notice, now);
    });
  }

  /** Held notices whose webhook has now been failing for the channel's threshold (each once, whichever instance asks). */
  async due(channelOf: (orgId: string, channelId: string) => Promise<NotificationChannel | undefined>, now: number): Promise<{ channel: NotificationChannel; notice: Notice; decision: Decision }[]> {
    const matured: { channel: NotificationChannel; notice: Notice; decision: Decision }[] = [];
    for (const held of await heldStates(this.pool)) {
      const channel = await channelOf(held.orgId, held.channelId);
      if (!channel || now - held.windowSince < channel.failingForMinutes * 60_000) continue;
      const told = await this.locked(channel, async (client) => {
        const window = await readState(client, channel.id, held.subject);
        // Another instance told it meanwhile, or a newer window began.
        if (!window?.held || window.windowSince === null || now - window.windowSince < channel.failingForMinutes * 60_000) return null;
        const notice = window.held;
        await writeState(client, channel, held.subject, { ...window, held: null });
        return { channel, notice, decision: await this.admit(client, channel, notice, now) };
      });
      if (told) matured.push(told);
    }
    // Forget what no window can still refer to: the table stays bounded by recent activity.
    await deleteIdleState(this.pool, new Date(now - WINDOW_IDLE_MS));
    return matured;
  }

  /** Dedupe, then the hourly limit; a notice held back is counted and mentioned in the next one told. */
  private async admit(client: PoolClient, channel: NotificationChannel, notice: Notice, now: number): Promise<Decision> {
    const key = dedupeSubject(notice);
    const told = (await readState(client, channel.id, key)) ?? emptyState();
    if (told.lastToldAt !== null && now - told.lastToldAt < channel.dedupeWindowMinutes * 60_000) {
      await writeState(client, channel, key, { ...told, suppressed: told.suppressed + 1 });
      return { action: 'duplicate' };
    }
    const rate = (await readState(client, channel.id, RATE_SUBJECT)) ?? emptyState();
    const recent = rate.sentAt.filter((at) => now - at < HOUR_MS);
    if (recent.length >= channel.maxPerHour) {
      await writeState(client, channel, RATE_SUBJECT, { ...rate, sentAt: recent });
      await writeState(client, channel, key, { ...told, suppressed: told.suppressed + 1 });
      return { action: 'rate_limited' };
    }
    await writeState(client, channel, RATE_SUBJECT, { ...rate, sentAt: [...recent, now], lastToldAt: now });
    await writeState(client, channel, key, { ...told, lastToldAt: now, suppressed: 0 });
    return { action: 'send', suppressed: told.suppressed };
  }

  /** One transaction holding the channel's lock: deciders on every instance take turns per channel. */
  private async locked<T>(channel: NotificationChannel, decide: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      await client.query(`select pg_advisory_xact_lock(hashtextextended('hookline notify ' || $1, 0))`, [channel.id]);
      const result = await decide(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

function emptyState(): ChannelState {
  return { lastToldAt: null, suppressed: 0, sentAt: [], windowSince: null, windowLastSeen: null, held: null };
}
