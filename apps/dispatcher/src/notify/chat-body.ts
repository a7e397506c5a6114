import type { ChannelKind } from './notification-channel';
import type { Notice } from './notice';

/**
 * The JSON an incoming chat webhook takes: Slack's `text` + Block Kit blocks; Teams' MessageCard
 * (accepted by Teams incoming webhooks and Workflows; Mattermost and Rocket.Chat take Slack's).
 */
export function chatBody(kind: Exclude<ChannelKind, 'email'>, notice: Notice, suppressed: number): Record<string, unknown> {
  const more = suppressed > 0 ? ` (${suppressed} similar notices were held back since the last one)` : '';
  if (kind === 'slack') {
    return {
      text: `${notice.title}: ${notice.text}${more}`,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: notice.title } },
        { type: 'section', text: { type: 'plain_text', text: notice.text + more } },
        { type: 'section', fields: notice.facts.map(([name, value]) => ({ type: 'mrkdwn', text: `*${name}*\n${value}` })) },
      ],
    };
  }
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: notice.title,
    title: notice.title,
    text: notice.text + more,
    sections: [{ facts: notice.facts.map(([name, value]) => ({ name, value })) }],
  };
}

/** The plain-text email of a notice. */
export function emailBody(notice: Notice, suppressed: number): { subject: string; text: string } {
  const lines = [notice.text, '', ...notice.facts.map(([name, value]) => `${name}: ${value}`), `event: ${notice.eventId}`, `time: ${notice.at.toISOString()}`];
  if (suppressed > 0) lines.push('', `${suppressed} similar notices were held back since the last one.`);
  return { subject: `[Hookline] ${notice.title}`, text: lines.join('\n') };
}
