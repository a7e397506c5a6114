import { parseEgressAllowList, type WebhookUrlOptions } from '@hookline/egress';
import type { Kafka, RunningConsumer } from '@hookline/kafka';
import type { SecretBox } from '@hookline/secrets';
import type { Pool } from 'pg';
import type { Agent } from 'undici';
import type { DispatcherConfig } from '../config';
import { sealChatTargets, StoredChannels } from './channel-store';
import { Notifier } from './notifier';
import { startNotifyConsumer, type NotifyConsumerOptions } from './notify-consumer';
import { EmailSender } from './send-email';

/** Wires the notification channels: stored channels → notifier (SMTP, chat) ← notify consumer. */
export async function startNotifications(
  kafka: Kafka,
  pool: Pool,
  box: SecretBox,
  agent: Agent,
  userAgent: string,
  config: Pick<DispatcherConfig, 'HOOKLINE_SMTP_URL' | 'HOOKLINE_SMTP_FROM' | 'HOOKLINE_ALLOW_INSECURE_URLS' | 'HOOKLINE_EGRESS_ALLOW_CIDRS'>,
  options: NotifyConsumerOptions,
): Promise<{ consumer: RunningConsumer; urlOptions: WebhookUrlOptions; stop(): Promise<void> }> {
  const email = config.HOOKLINE_SMTP_URL ? new EmailSender({ url: config.HOOKLINE_SMTP_URL, from: config.HOOKLINE_SMTP_FROM }) : null;
  // Chat targets written in clear (or under a previous master key) are sealed before any is read.
  const sealed = await sealChatTargets(pool, box);
  if (sealed > 0) options.logger.info({ sealed }, 'notification channel chat targets sealed under the current master key');
  const notifier = new Notifier({ channels: new StoredChannels(pool, box), pool, email, agent, userAgent, logger: options.logger });
  const running = await startNotifyConsumer(kafka, notifier, options);
  return {
    consumer: running.consumer,
    urlOptions: { allowInsecure: config.HOOKLINE_ALLOW_INSECURE_URLS, allowList: parseEgressAllowList(config.HOOKLINE_EGRESS_ALLOW_CIDRS) },
    stop: async () => {
      running.stop();
      await running.consumer.stop();
      email?.close();
    },
  };
}
