import type { WebhookUrlOptions } from '@hookline/egress';
import { NotFoundError } from '@hookline/errors';
import { endUserScope } from '@hookline/grpc';
import type { dispatcherV1 } from '@hookline/proto';
import type { SecretBox } from '@hookline/secrets';
import type { Pool } from 'pg';
import { deleteChannel, listChannels, type StoredChannel } from '../notify/channel-store';
import { createChannel, shownTarget } from '../notify/create-channel';

/** The notification-channel RPCs: proto ↔ notify only. */
export function notificationChannelHandlers(pool: Pool, box: SecretBox, urlOptions: WebhookUrlOptions) {
  return {
    async listNotificationChannels(request: dispatcherV1.ListNotificationChannelsRequest): Promise<dispatcherV1.ListNotificationChannelsResponse> {
      return { channels: (await listChannels(pool, box, endUserScope(request).orgId)).map(channelToProto) };
    },

    async createNotificationChannel(request: dispatcherV1.CreateNotificationChannelRequest): Promise<dispatcherV1.NotificationChannel> {
      const channel = await createChannel(
        pool,
        box,
        {
          orgId: endUserScope(request).orgId,
          kind: request.kind,
          target: request.target,
          eventTypes: request.eventTypes,
          failingForMinutes: request.failingForMinutes,
          dedupeWindowMinutes: request.dedupeWindowMinutes,
          maxPerHour: request.maxPerHour,
        },
        urlOptions,
      );
      return channelToProto(channel);
    },

    async deleteNotificationChannel(request: dispatcherV1.DeleteNotificationChannelRequest): Promise<dispatcherV1.DeleteNotificationChannelResponse> {
      if (!(await deleteChannel(pool, endUserScope(request).orgId, request.channelId))) {
        throw new NotFoundError('no such notification channel', { code: 'notification_channel_not_found', param: 'id' });
      }
      return {};
    },
  };
}

function channelToProto(channel: StoredChannel): dispatcherV1.NotificationChannel {
  return {
    id: channel.id,
    orgId: channel.orgId,
    kind: channel.kind,
    target: shownTarget(channel),
    eventTypes: channel.eventTypes,
    failingForMinutes: channel.failingForMinutes,
    dedupeWindowMinutes: channel.dedupeWindowMinutes,
    maxPerHour: channel.maxPerHour,
    createdAt: channel.createdAt.toISOString(),
  };
}

