import { z } from '@hookline/config';
import type { dispatcherV1 } from '@hookline/proto';

const EVENT_TYPES = ['hookline.delivery.exhausted', 'hookline.webhook.disabled'] as const;

export const notificationChannelSchema = z.object({
  id: z.string().describe('`nch_…`'),
  object: z.literal('notification_channel'),
  kind: z.enum(['email', 'slack', 'teams']),
  target: z.string().describe('The email address, or only the origin of the chat webhook URL (its path is the chat service\'s secret).'),
  event_types: z.array(z.enum(EVENT_TYPES)),
  failing_for_minutes: z.number().int().min(0).max(10080).describe('Threshold: a webhook is reported only once it has been failing this long (0: at once).'),
  dedupe_window_minutes: z.number().int().min(0).max(10080).describe('The same notice (event type, webhook) is sent at most once per window.'),
  max_per_hour: z.number().int().min(1).max(1000).describe('Rate limit: at most this many notices per hour on this channel.'),
  created_at: z.string(),
}).meta({ id: 'NotificationChannel' });

export const newNotificationChannelBody = z.strictObject({
  kind: z.enum(['email', 'slack', 'teams']),
  target: z.string().min(3).max(2048).describe('An email address (`email`), or a Slack- or Teams-compatible incoming webhook URL (https).'),
  event_types: z.array(z.enum(EVENT_TYPES)).min(1).optional().describe('Default: every operational event type.'),
  failing_for_minutes: z.number().int().min(0).max(10080).optional(),
  dedupe_window_minutes: z.number().int().min(0).max(10080).optional(),
  max_per_hour: z.number().int().min(1).max(1000).optional(),
}).meta({ id: 'NotificationChannelCreate' });

export function notificationChannelJson(channel: dispatcherV1.NotificationChannel): z.infer<typeof notificationChannelSchema> {
  return {
    id: channel.id,
    object: 'notification_channel',
    kind: channel.kind as 'email' | 'slack' | 'teams',
    target: channel.target,
    event_types: channel.eventTypes as (typeof EVENT_TYPES)[number][],
    failing_for_minutes: channel.failingForMinutes,
    dedupe_window_minutes: channel.dedupeWindowMinutes,
    max_per_hour: channel.maxPerHour,
    created_at: channel.createdAt,
  };
}
