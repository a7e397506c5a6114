import type { NotificationChannel } from './notification-channel';
import type { Notice } from './notice';

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

interface FailingWindow {
  since: number;
  lastSeen: number;
  /** The newest notice held below the threshold, told when the window matures. */
  held: Notice | null;
}

/**
 * Thresholds, dedupe and the rate limit of every channel, decided on one clock. The state is
 * per dispatcher instance; the notify consumer reads the events topic keyed by organization, so
 * one instance decides for an organization at a time (a rebalance or a restart may tell a notice
 * once more: notices are at-least-once, like deliveries).
 */
export class NotifyPolicy {
  private readonly windows = new Map<string, FailingWindow>();
  private readonly lastTold = new Map<string, number>();
  private readonly suppressed = new Map<string, number>();
  private readonly toldAt = new Map<string, number[]>();

  decide(channel: NotificationChannel, notice: Notice, now: number): Decision {
    if (notice.failing && channel.failingForMinutes > 0) {
      const key = `${channel.id} ${notice.webhookId}`;
      let window = this.windows.get(key);
      if (!window || now - window.lastSeen > WINDOW_IDLE_MS) {
        window = { since: now, lastSeen: now, held: null };
        this.windows.set(key, window);
      }
      window.lastSeen = now;
      if (now - window.since < channel.failingForMinutes * 60_000) {
        window.held = notice;
        return { action: 'hold' };
      }
      window.held = null;
    }
    return this.admit(channel, notice, now);
  }

  /** Held notices whose webhook has now been failing for the channel's threshold (each once). */
  due(channels: Map<string, NotificationChannel>, now: number): { channel: NotificationChannel; notice: Notice; decision: Decision }[] {
    const matured: { channel: NotificationChannel; notice: Notice; decision: Decision }[] = [];
    for (const [key, window] of this.windows) {
      const channel = channels.get(key.split(' ')[0]);
      if (!channel || now - window.lastSeen > WINDOW_IDLE_MS) {
        this.windows.delete(key);
        continue;
      }
      if (window.held && now - window.since >= channel.failingForMinutes * 60_000) {
        matured.push({ channel, notice: window.held, decision: this.admit(channel, window.held, now) });
        window.held = null;
      }
    }
    // Forget what no window can still refer to: the maps stay bounded by recent activity.
    for (const [key, at] of this.lastTold) if (now - at > WINDOW_IDLE_MS) this.lastTold.delete(key);
    for (const [key, times] of this.toldAt) if (times.every((at) => now - at >= HOUR_MS)) this.toldAt.delete(key);
    return matured;
  }

  /** Dedupe, then the hourly limit; a notice held back is counted and mentioned in the next one told. */
  private admit(channel: NotificationChannel, notice: Notice, now: number): Decision {
    const dedupeKey = `${channel.id} ${notice.eventType} ${notice.webhookId}`;
    const last = this.lastTold.get(dedupeKey);
    if (last !== undefined && now - last < channel.dedupeWindowMinutes * 60_000) {
      this.suppressed.set(dedupeKey, (this.suppressed.get(dedupeKey) ?? 0) + 1);
      return { action: 'duplicate' };
    }
    const recent = (this.toldAt.get(channel.id) ?? []).filter((at) => now - at < HOUR_MS);
    this.toldAt.set(channel.id, recent);
    if (recent.length >= channel.maxPerHour) {
      this.suppressed.set(dedupeKey, (this.suppressed.get(dedupeKey) ?? 0) + 1);
      return { action: 'rate_limited' };
    }
    recent.push(now);
    this.lastTold.set(dedupeKey, now);
    const suppressed = this.suppressed.get(dedupeKey) ?? 0;
    this.suppressed.delete(dedupeKey);
    return { action: 'send', suppressed };
  }
}
