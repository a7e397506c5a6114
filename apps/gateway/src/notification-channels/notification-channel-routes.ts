import { z } from '@hookline/config';
import { pageOfAll } from '../http/page-of-all';
import { listSchema, pageQueryFields } from '../http/pagination';
import { defineRoute } from '../http/route';
import { newNotificationChannelBody, notificationChannelJson, notificationChannelSchema } from './notification-channel-json';

/** Notification channels (`/v1/notification-channels`): the dispatcher stores them and tells them. */
export const notificationChannelRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/notification-channels',
    summary: 'List notification channels',
    description: 'Where the organization is told about failing deliveries and disabled webhooks: email addresses and chat webhooks (Slack, Teams).',
    action: 'notification_channel.list',
    resourceType: 'notification_channel',
    auth: 'api_key',
    role: 'viewer',
    feature: 'settings',
    query: z.strictObject(pageQueryFields),
    responses: { 200: { description: 'A page of the organization’s channels (at most 10 in all), ordered by id.', schema: listSchema(notificationChannelSchema) } },
    handler: async ({ query, actor, context, clients, call }) => {
      const { channels } = await clients.dispatcher.listNotificationChannels({ context, orgId: actor.orgId }, call);
      return { status: 200, body: pageOfAll(channels.map(notificationChannelJson), query, (c) => c.id) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/notification-channels',
    summary: 'Add a notification channel',
    description:
      'Email goes through the operator\'s SMTP server (`HOOKLINE_SMTP_URL`); a chat target must be a public https URL, checked like a webhook URL. Thresholds, dedupe and the hourly limit apply per channel.',
    action: 'notification_channel.create',
    resourceType: 'notification_channel',
    auth: 'api_key',
    role: 'admin',
    feature: 'settings',
    body: newNotificationChannelBody,
    responses: { 201: { description: 'The channel.', schema: notificationChannelSchema } },
    handler: async ({ body, actor, context, clients, call }) => {
      const channel = await clients.dispatcher.createNotificationChannel(
        {
          context,
          orgId: actor.orgId,
          kind: body.kind,
          target: body.target,
          eventTypes: body.event_types ?? [],
          failingForMinutes: body.failing_for_minutes,
          dedupeWindowMinutes: body.dedupe_window_minutes,
          maxPerHour: body.max_per_hour,
        },
        call,
      );
      return { status: 201, body: notificationChannelJson(channel) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/notification-channels/:id',
    summary: 'Remove a notification channel',
    action: 'notification_channel.delete',
    resourceType: 'notification_channel',
    auth: 'api_key',
    role: 'admin',
    feature: 'settings',
    params: z.strictObject({ id: z.string().min(1).max(100).describe('`nch_…`') }),
    responses: { 204: { description: 'Removed.' } },
    handler: async ({ params, actor, context, clients, call }) => {
      await clients.dispatcher.deleteNotificationChannel({ context, orgId: actor.orgId, channelId: params.id }, call);
      return { status: 204 };
    },
  }),
];
