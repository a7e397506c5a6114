import { parseEgressAllowList } from '@hookline/egress';
import { createLogger } from '@hookline/logging';
import { eventsV1 } from '@hookline/proto';
import { Receiver, SmtpReceiver, waitFor } from '@hookline/testing';
import type { Agent } from 'undici';
import { DELIVERY_EXHAUSTED, WEBHOOK_DISABLED } from '../delivery/event-types';
import { createEgressAgent } from '../deliver/http-agent';
import { CHANNEL_DEFAULTS, type NotificationChannel } from './notification-channel';
import { noticeFor, type Notice } from './notice';
import { Notifier } from './notifier';
import { EmailSender } from './send-email';

function exhausted(orgId: string, webhookId: string, n: number): Notice {
  const event = eventsV1.Event.fromPartial({
    id: `evt_notify_${webhookId}_${n}`,
    orgId,
    type: DELIVERY_EXHAUSTED,
    time: new Date().toISOString(),
    dataJson: JSON.stringify({ delivery_id: `del_${n}`, webhook_id: webhookId, event_id: `evt_${n}`, event_type: 'transfer.completed', attempts: 8 }),
  });
  return noticeFor(event)!;
}

function channel(overrides: Partial<NotificationChannel> & Pick<NotificationChannel, 'id' | 'kind' | 'target'>): NotificationChannel {
  return { orgId: 'org_notify', eventTypes: [DELIVERY_EXHAUSTED, WEBHOOK_DISABLED], ...CHANNEL_DEFAULTS, ...overrides };
}

describe('notification channels', () => {
  let smtp: SmtpReceiver;
  let chat: Receiver;
  let agent: Agent;
  let email: EmailSender;
  let clock: number;
  const logger = createLogger('notify-test', 'silent');

  beforeAll(async () => {
    smtp = await SmtpReceiver.start();
    chat = await Receiver.start();
    agent = createEgressAgent(parseEgressAllowList('127.0.0.0/8'));
    email = new EmailSender({ url: smtp.url, from: 'hookline@example.test' });
  });
  afterAll(async () => {
    email.close();
    await agent.close();
    await chat.stop();
    await smtp.stop();
  });
  beforeEach(() => {
    smtp.mails.length = 0;
    chat.requests.length = 0;
    clock = Date.parse('2026-12-07T12:00:00Z');
  });

  function notifier(channels: NotificationChannel[]): Notifier {
    return new Notifier({ channels: { channelsOf: async (orgId) => channels.filter((c) => c.orgId === orgId) }, email, agent, userAgent: 'Hookline/test', logger, now: () => clock });
  }

  it('an exhausted delivery is emailed through the SMTP server and posted to Slack and Teams webhooks', async () => {
    const channels = [
      channel({ id: 'nch_mail', kind: 'email', target: 'oncall@example.test' }),
      channel({ id: 'nch_slack', kind: 'slack', target: `${chat.url}/slack` }),
      channel({ id: 'nch_teams', kind: 'teams', target: `${chat.url}/teams` }),
    ];

    const outcomes = await notifier(channels).notify(exhausted('org_notify', 'wh_a', 1));

    expect(outcomes).toEqual(channels.map((c) => ({ channelId: c.id, decision: 'send' })));
    await waitFor(() => smtp.mails.length === 1, { message: 'the email' });
    expect(smtp.mails[0].to).toEqual(['oncall@example.test']);
    expect(smtp.mails[0].from).toBe('hookline@example.test');
    expect(smtp.mails[0].subject).toBe('[Hookline] Deliveries to webhook wh_a are failing');
    expect(smtp.mails[0].raw).toContain('delivery: del_1');
    const slack = JSON.parse(chat.requests.find((r) => r.path === '/slack')!.body) as { text: string; blocks: unknown[] };
    expect(slack.text).toContain('Deliveries to webhook wh_a are failing');
    expect(slack.blocks).toHaveLength(3);
    const teams = JSON.parse(chat.requests.find((r) => r.path === '/teams')!.body) as Record<string, unknown>;
    expect(teams).toMatchObject({ '@type': 'MessageCard', title: 'Deliveries to webhook wh_a are failing' });
    expect(chat.requests.every((r) => r.headers['content-type'] === 'application/json')).toBe(true);
  });

  it('the same notice within the dedupe window is told once, and the next one counts what was held back', async () => {
    const slack = channel({ id: 'nch_dedupe', kind: 'slack', target: `${chat.url}/slack`, dedupeWindowMinutes: 30 });
    const subject = notifier([slack]);

    for (let n = 1; n <= 5; n += 1) await subject.notify(exhausted('org_notify', 'wh_b', n));
    // Another webhook is another notice.
    await subject.notify(exhausted('org_notify', 'wh_c', 6));
    expect(chat.requests.map((r) => (JSON.parse(r.body) as { text: string }).text.slice(0, 34))).toEqual(['Deliveries to webhook wh_b are fai', 'Deliveries to webhook wh_c are fai']);

    clock += 31 * 60_000;
    await subject.notify(exhausted('org_notify', 'wh_b', 7));
    expect(chat.requests).toHaveLength(3);
    expect(chat.requests[2].body).toContain('4 similar notices were held back');
  });

  it('a channel tells at most its hourly maximum, then again once the hour has passed', async () => {
    const mail = channel({ id: 'nch_limit', kind: 'email', target: 'ops@example.test', maxPerHour: 2 });
    const subject = notifier([mail]);

    const decisions = [];
    for (const webhook of ['wh_1', 'wh_2', 'wh_3', 'wh_4']) decisions.push(...(await subject.notify(exhausted('org_notify', webhook, 1))).map((o) => o.decision));
    expect(decisions).toEqual(['send', 'send', 'rate_limited', 'rate_limited']);
    await waitFor(() => smtp.mails.length === 2, { message: 'two emails' });

    clock += 61 * 60_000;
    expect((await subject.notify(exhausted('org_notify', 'wh_3', 2))).map((o) => o.decision)).toEqual(['send']);
    await waitFor(() => smtp.mails.length === 3, { message: 'the third email' });
    expect(smtp.mails[2].raw).toContain('1 similar notices were held back');
  });

  it('with a threshold, a webhook is reported only once it has been failing for N minutes', async () => {
    const slack = channel({ id: 'nch_threshold', kind: 'slack', target: `${chat.url}/slack`, failingForMinutes: 15 });
    const subject = notifier([slack]);

    expect((await subject.notify(exhausted('org_notify', 'wh_t', 1))).map((o) => o.decision)).toEqual(['hold']);
    clock += 10 * 60_000;
    expect((await subject.notify(exhausted('org_notify', 'wh_t', 2))).map((o) => o.decision)).toEqual(['hold']);
    expect(await subject.tellDue()).toEqual([]);
    expect(chat.requests).toHaveLength(0);

    // No new failure needed: the held notice is told once the window is 15 minutes old.
    clock += 5 * 60_000;
    expect(await subject.tellDue()).toEqual([{ channelId: 'nch_threshold', decision: 'send' }]);
    expect(chat.requests).toHaveLength(1);
    expect(chat.requests[0].body).toContain('del_2');
  });

  it('a disabled webhook is told at once despite a threshold; other orgs and unsubscribed types hear nothing', async () => {
    const mine = channel({ id: 'nch_mine', kind: 'teams', target: `${chat.url}/mine`, failingForMinutes: 60 });
    const other = channel({ id: 'nch_other', orgId: 'org_other', kind: 'slack', target: `${chat.url}/other` });
    const exhaustedOnly = channel({ id: 'nch_narrow', kind: 'slack', target: `${chat.url}/narrow`, eventTypes: [DELIVERY_EXHAUSTED] });
    const disabled = noticeFor(
      eventsV1.Event.fromPartial({ id: 'evt_disabled', orgId: 'org_notify', type: WEBHOOK_DISABLED, time: new Date().toISOString(), dataJson: JSON.stringify({ webhook_id: 'wh_gone', reason: 'gone' }) }),
    )!;

    await notifier([mine, other, exhaustedOnly]).notify(disabled);

    expect(chat.requests.map((r) => r.path)).toEqual(['/mine']);
    expect(JSON.parse(chat.requests[0].body)).toMatchObject({ title: 'Webhook wh_gone was disabled', text: 'Its endpoint answered 410 Gone.' });
  });

  it('a chat webhook on a private address is refused like any endpoint', async () => {
    const guarded = createEgressAgent(parseEgressAllowList(''));
    const subject = new Notifier({
      channels: { channelsOf: async () => [channel({ id: 'nch_private', kind: 'slack', target: `${chat.url}/private` })] },
      email,
      agent: guarded,
      userAgent: 'Hookline/test',
      logger,
    });

    const [outcome] = await subject.notify(exhausted('org_notify', 'wh_p', 1));

    await guarded.close();
    expect(outcome.error).toBeDefined();
    expect(chat.requests).toHaveLength(0);
  });
});
