import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '@hookline/db';
import { parseEgressAllowList } from '@hookline/egress';
import { createLogger } from '@hookline/logging';
import { eventsV1 } from '@hookline/proto';
import { createSecretBox } from '@hookline/secrets';
import { Receiver, SmtpReceiver, testDatabaseUrl, uniqueSuffix, waitFor } from '@hookline/testing';
import type { Agent } from 'undici';
import { DELIVERY_EXHAUSTED, WEBHOOK_DISABLED } from '../model/event-types';
import { migrations } from '../db/migrations';
import { createEgressAgent } from '../deliver/http-agent';
import { insertChannel, listChannels, sealChatTargets, StoredChannels } from './channel-store';
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
  let db: Database;
  const logger = createLogger('notify-test', 'silent');

  beforeAll(async () => {
    // The policy's state lives in PostgreSQL: a schema of the suite's own.
    db = await openDatabase({ url: testDatabaseUrl, schema: `t_notify_${uniqueSuffix()}`, migrations, logger });
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
    await db?.close();
  });
  beforeEach(() => {
    smtp.mails.length = 0;
    chat.requests.length = 0;
    clock = Date.parse('2026-12-07T12:00:00Z');
  });

  function notifier(channels: NotificationChannel[]): Notifier {
    return new Notifier({ channels: { channelsOf: async (orgId) => channels.filter((c) => c.orgId === orgId) }, pool: db.pool, email, agent, userAgent: 'Hookline/test', logger, now: () => clock });
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
      pool: db.pool,
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

  it('dedupe, the hourly limit and held notices survive a restart and hold across two dispatchers', async () => {
    const slack = channel({ id: 'nch_shared', kind: 'slack', target: `${chat.url}/shared`, dedupeWindowMinutes: 30, maxPerHour: 2, failingForMinutes: 0 });
    const first = notifier([slack]);
    const second = notifier([slack]);

    // Told by one instance: the other (or the same one restarted) knows it was told.
    expect((await first.notify(exhausted('org_notify', 'wh_s1', 1))).map((o) => o.decision)).toEqual(['send']);
    expect((await second.notify(exhausted('org_notify', 'wh_s1', 2))).map((o) => o.decision)).toEqual(['duplicate']);
    const restarted = notifier([slack]);
    expect((await restarted.notify(exhausted('org_notify', 'wh_s1', 3))).map((o) => o.decision)).toEqual(['duplicate']);

    // The hourly maximum (2) counts the sends of both instances, even deciding at once.
    const racing = await Promise.all([first.notify(exhausted('org_notify', 'wh_s2', 1)), second.notify(exhausted('org_notify', 'wh_s3', 1))]);
    expect(racing.flat().map((o) => o.decision).sort()).toEqual(['rate_limited', 'send']);
    expect(chat.requests).toHaveLength(2);

    // Past the window and the hour, the next notice says what both instances held back.
    clock += 61 * 60_000;
    await restarted.notify(exhausted('org_notify', 'wh_s1', 4));
    expect(chat.requests).toHaveLength(3);
    expect(chat.requests[2].body).toContain('2 similar notices were held back');
  });

  it('a notice held below the threshold is told once after a restart, whichever instance looks first', async () => {
    const slack = channel({ id: 'nch_held', kind: 'slack', target: `${chat.url}/held`, failingForMinutes: 15 });
    expect((await notifier([slack]).notify(exhausted('org_notify', 'wh_h', 1))).map((o) => o.decision)).toEqual(['hold']);

    clock += 16 * 60_000;
    const [a, b] = [notifier([slack]), notifier([slack])];
    const told = (await Promise.all([a.tellDue(), b.tellDue()])).flat();
    expect(told).toEqual([{ channelId: 'nch_held', decision: 'send' }]);
    expect(chat.requests.map((r) => r.path)).toEqual(['/held']);
  });

  it('a chat target is stored sealed under the master key and opened only to send; one stored in clear is sealed at start', async () => {
    const box = createSecretBox(randomBytes(32), { purpose: 'dispatcher notification channels' });
    const secretUrl = `${chat.url}/services/T000/B000/${randomBytes(12).toString('hex')}`;
    const stored = await insertChannel(db.pool, box, { orgId: 'org_sealed', kind: 'slack', target: secretUrl, eventTypes: [DELIVERY_EXHAUSTED], ...CHANNEL_DEFAULTS });
    await insertChannel(db.pool, box, { orgId: 'org_sealed', kind: 'email', target: 'ops@example.test', eventTypes: [DELIVERY_EXHAUSTED], ...CHANNEL_DEFAULTS });

    const column = async (id: string) => (await db.pool.query<{ target: string }>('select target from notification_channel where id = $1', [id])).rows[0].target;
    expect(await column(stored.id)).not.toContain('/services/');
    expect(await column(stored.id)).toMatch(new RegExp(`^${box.keyId}:`));
    expect((await listChannels(db.pool, box, 'org_sealed')).map((c) => c.target).sort()).toEqual(['ops@example.test', secretUrl].sort());

    // A row written in clear before targets were sealed: sealed at the next start, and still delivered to.
    await db.pool.query('update notification_channel set target = $2 where id = $1', [stored.id, secretUrl]);
    expect(await sealChatTargets(db.pool, box)).toBe(1);
    expect(await column(stored.id)).not.toContain('/services/');
    const subject = new Notifier({ channels: new StoredChannels(db.pool, box), pool: db.pool, email, agent, userAgent: 'Hookline/test', logger, now: () => clock });
    await subject.notify(exhausted('org_sealed', 'wh_sealed', 1));
    expect(chat.requests.map((r) => r.path)).toEqual([new URL(secretUrl).pathname]);
  });
});
