/** Where an organization is told about its operational events: an inbox or a chat webhook. */
export type ChannelKind = 'email' | 'slack' | 'teams';

export interface NotificationChannel {
  id: string;
  orgId: string;
  kind: ChannelKind;
  /** An email address (kind `email`) or a chat incoming-webhook URL (`slack`, `teams`). */
  target: string;
  /** The operational event types the channel hears (`hookline.delivery.exhausted`, …). */
  eventTypes: string[];
  /**
   * Threshold: tell only once a webhook has been failing this long (the first failure notice
   * about it opens the window); 0 tells at once.
   */
  failingForMinutes: number;
  /** Dedupe: the same notice (kind of event, webhook) is told at most once per window. */
  dedupeWindowMinutes: number;
  /** Rate limit: at most this many notices per channel per hour. */
  maxPerHour: number;
}

export const CHANNEL_DEFAULTS = { failingForMinutes: 0, dedupeWindowMinutes: 60, maxPerHour: 20 } as const;
