import type { Agent } from 'undici';
import { post } from '../deliver/send';
import type { ChannelKind } from './notification-channel';

const CHAT_TIMEOUT_MS = 10_000;

/**
 * POSTs a chat message through the same SSRF-guarded agent as webhooks: a chat webhook URL is
 * an organization's input like any endpoint. Throws unless the chat service answered 2xx.
 */
export async function sendChat(agent: Agent, userAgent: string, kind: Exclude<ChannelKind, 'email'>, url: string, body: Record<string, unknown>): Promise<void> {
  const response = await post(agent, url, { 'content-type': 'application/json', 'user-agent': userAgent }, JSON.stringify(body), CHAT_TIMEOUT_MS);
  if (response.status < 200 || response.status >= 300) throw new Error(`${kind} webhook answered ${response.status}`);
}
