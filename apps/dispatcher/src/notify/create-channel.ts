import { validateWebhookUrl, type WebhookUrlOptions } from '@hookline/egress';
import { ConflictError, InputError } from '@hookline/errors';
import type { SecretBox } from '@hookline/secrets';
import type { Pool } from 'pg';
import { DELIVERY_EXHAUSTED, WEBHOOK_DISABLED } from '../model/event-types';
import { countChannels, insertChannel, type StoredChannel } from './channel-store';
import { CHANNEL_DEFAULTS, type ChannelKind } from './notification-channel';

/** The operational events a channel may hear. */
export const NOTIFIABLE_EVENT_TYPES = [DELIVERY_EXHAUSTED, WEBHOOK_DISABLED] as const;
export const MAX_CHANNELS_PER_ORG = 10;
const KINDS: readonly ChannelKind[] = ['email', 'slack', 'teams'];
// One address, no display name: the notifier writes the header itself.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export interface NewChannelInput {
  orgId: string;
  kind: string;
  target: string;
  eventTypes: string[];
  failingForMinutes?: number;
  dedupeWindowMinutes?: number;
  maxPerHour?: number;
}

/** Validates and stores a channel: a chat target is checked like a webhook URL (public https). */
export async function createChannel(pool: Pool, box: SecretBox, input: NewChannelInput, urlOptions: WebhookUrlOptions): Promise<StoredChannel> {
  if (!KINDS.includes(input.kind as ChannelKind)) throw new InputError('kind must be email, slack or teams', { code: 'kind_invalid', param: 'kind' });
  const kind = input.kind as ChannelKind;
  let target = input.target;
  if (kind === 'email') {
    if (target.length > 254 || !EMAIL.test(target)) throw new InputError('target must be one email address', { code: 'target_invalid', param: 'target' });
  } else {
    try {
      target = await validateWebhookUrl(target, urlOptions);
    } catch (error) {
      if (error instanceof InputError) throw new InputError(error.message.replace(/^url/, 'target'), { code: error.code.replace(/^url/, 'target'), param: 'target', cause: error });
      throw error;
    }
  }
  const unknown = input.eventTypes.filter((type) => !(NOTIFIABLE_EVENT_TYPES as readonly string[]).includes(type));
  if (unknown.length > 0) throw new InputError(`event_types may hold only ${NOTIFIABLE_EVENT_TYPES.join(', ')}`, { code: 'event_types_invalid', param: 'event_types' });
  const eventTypes = input.eventTypes.length === 0 ? [...NOTIFIABLE_EVENT_TYPES] : [...new Set(input.eventTypes)];
  const failingForMinutes = bounded(input.failingForMinutes, CHANNEL_DEFAULTS.failingForMinutes, 0, 7 * 24 * 60, 'failing_for_minutes');
  const dedupeWindowMinutes = bounded(input.dedupeWindowMinutes, CHANNEL_DEFAULTS.dedupeWindowMinutes, 0, 7 * 24 * 60, 'dedupe_window_minutes');
  const maxPerHour = bounded(input.maxPerHour, CHANNEL_DEFAULTS.maxPerHour, 1, 1000, 'max_per_hour');
  if ((await countChannels(pool, input.orgId)) >= MAX_CHANNELS_PER_ORG) {
    throw new ConflictError(`an organization has at most ${MAX_CHANNELS_PER_ORG} notification channels`, { code: 'channel_limit' });
  }
  return insertChannel(pool, box, { orgId: input.orgId, kind, target, eventTypes, failingForMinutes, dedupeWindowMinutes, maxPerHour });
}

function bounded(value: number | undefined, fallback: number, min: number, max: number, param: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) throw new InputError(`${param} must be an integer from ${min} to ${max}`, { code: `${param}_invalid`, param });
  return value;
}

/** What the API shows of a target: the address, or only the chat webhook's origin (its path is a secret). */
export function shownTarget(channel: { kind: ChannelKind; target: string }): string {
  return channel.kind === 'email' ? channel.target : `${new URL(channel.target).origin}/…`;
}
