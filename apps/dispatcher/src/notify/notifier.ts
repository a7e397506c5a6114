import type { Logger } from '@hookline/logging';
import type { Pool } from 'pg';
import type { Agent } from 'undici';
import { chatBody, emailBody } from './chat-body';
import type { NotificationChannel } from './notification-channel';
import type { Notice } from './notice';
import { NotifyPolicy, type Decision } from './notify-policy';
import { sendChat } from './send-chat';
import type { EmailSender } from './send-email';

/** The channels an organization configured (storage or a test's list). */
export interface ChannelSource {
  channelsOf(orgId: string): Promise<NotificationChannel[]>;
}

export interface NotifierDeps {
  channels: ChannelSource;
  /** Where the policy's dedupe, rate-limit and threshold state lives (shared by every instance). */
  pool: Pool;
  /** Null when no SMTP server is configured: email channels are then skipped (and logged). */
  email: EmailSender | null;
  agent: Agent;
  userAgent: string;
  logger: Logger;
  now?: () => number;
}

export type NoticeOutcome = { channelId: string; decision: Decision['action']; error?: string };

/**
 * Tells an organization's channels about one operational event: the channels hearing its type,
 * each through its threshold, dedupe and rate limit (NotifyPolicy), then by email or chat. A
 * channel that cannot be reached is logged, not retried: a notice is advisory, and the event it
 * tells of stays listed in the Events API.
 */
export class Notifier {
  private readonly policy: NotifyPolicy;
  private readonly now: () => number;

  constructor(private readonly deps: NotifierDeps) {
    this.policy = new NotifyPolicy(deps.pool);
    this.now = deps.now ?? Date.now;
  }

  async notify(notice: Notice): Promise<NoticeOutcome[]> {
    const channels = (await this.deps.channels.channelsOf(notice.orgId)).filter((channel) => channel.eventTypes.includes(notice.eventType));
    const outcomes: NoticeOutcome[] = [];
    for (const channel of channels) outcomes.push(await this.apply(channel, notice, await this.policy.decide(channel, notice, this.now())));
    return outcomes;
  }

  /** Tells the notices held below a threshold whose webhook has now failed long enough. */
  async tellDue(): Promise<NoticeOutcome[]> {
    const outcomes: NoticeOutcome[] = [];
    const channelOf = async (orgId: string, channelId: string) => (await this.deps.channels.channelsOf(orgId)).find((channel) => channel.id === channelId);
    for (const { channel, notice, decision } of await this.policy.due(channelOf, this.now())) outcomes.push(await this.apply(channel, notice, decision));
    return outcomes;
  }

  private async apply(channel: NotificationChannel, notice: Notice, decision: Decision): Promise<NoticeOutcome> {
    if (decision.action !== 'send') return { channelId: channel.id, decision: decision.action };
    try {
      if (channel.kind === 'email') {
        if (!this.deps.email) throw new Error('no SMTP server is configured (HOOKLINE_SMTP_URL)');
        await this.deps.email.send(channel.target, emailBody(notice, decision.suppressed));
      } else {
        await sendChat(this.deps.agent, this.deps.userAgent, channel.kind, channel.target, chatBody(channel.kind, notice, decision.suppressed));
      }
      return { channelId: channel.id, decision: 'send' };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.logger.warn({ channelId: channel.id, orgId: channel.orgId, err: message }, 'notification channel could not be reached');
      return { channelId: channel.id, decision: 'send', error: message };
    }
  }
}
