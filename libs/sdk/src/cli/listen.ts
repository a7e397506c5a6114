import { parseArgs } from 'node:util';
import { HooklineClient } from '../client/hookline-client';
import type { Webhook } from '../client/resources';
import { listenAndForward } from '../relay/relay-listener';
import { loadConfig, relaySecretOf, saveRelaySecret } from './config-file';
import type { Command } from './commands';

const RELAY_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

const USAGE = 'usage: hookline listen --forward-to <local URL> [--name <relay name> | --webhook <wh_…>] [--events <type,type…>]';

/**
 * `hookline listen --forward-to http://localhost:3000/webhooks`: receives the organization's real
 * deliveries on this machine. They go to a relay webhook (`url: relay://<name>`, created on first
 * use; `--name` defaults to `default`), whose attempts the platform holds for this command; each is
 * POSTed to the local URL with its signed headers, and the local answer is its outcome.
 */
export const listen: Command = async (args, output, signal) => {
  const { values } = parseArgs({ args, options: { 'forward-to': { type: 'string' }, name: { type: 'string' }, webhook: { type: 'string' }, events: { type: 'string' } } });
  const forwardTo = values['forward-to'];
  if (!forwardTo) throw new Error(USAGE);
  if (!/^https?:$/.test(safeProtocol(forwardTo))) throw new Error('--forward-to must be an http(s) URL, e.g. http://localhost:3000/webhooks');
  const config = loadConfig();
  const client = new HooklineClient({ baseUrl: config.url, apiKey: config.apiKey });

  const webhook = values.webhook ? await existingRelay(client, values.webhook) : await relayNamed(client, values.name ?? 'default', values.events);
  const secret = relaySecretOf(webhook.id);
  output.out(`Relay webhook ${webhook.id} (${webhook.url}) → ${forwardTo}`);
  output.out(secret ? `Signing secret: ${secret}` : 'Signing secret: shown once at creation; `POST /v1/webhooks/' + webhook.id + '/rotate-secret` gives a new one');

  await listenAndForward(
    {
      baseUrl: config.url,
      apiKey: config.apiKey,
      webhookId: webhook.id,
      forwardTo,
      client,
      onConnected: (resumedAfter) => output.out(resumedAfter ? `Reconnected (resuming after event ${resumedAfter})` : 'Ready: forwarding deliveries (Ctrl-C to stop)'),
      onForwarded: (request, outcome, notRecorded) =>
        output.out(
          [
            new Date().toISOString(),
            request.delivery_id,
            request.event_type,
            `attempt=${request.attempt}`,
            outcome.status !== undefined ? `→ ${outcome.status}` : `→ error (${outcome.error})`,
            `${outcome.duration_ms}ms`,
            notRecorded ? `(not recorded: ${notRecorded})` : '',
          ].join(' ').trim(),
        ),
      onReconnecting: (reason, delayMs) => output.err(`relay stream interrupted (${reason}); reconnecting in ${delayMs} ms`),
    },
    signal,
  );
  return 0;
};

async function existingRelay(client: HooklineClient, id: string): Promise<Webhook> {
  const { data, error, response } = await client.api.GET('/v1/webhooks/{id}', { params: { path: { id } } });
  if (!response.ok || !data) throw new Error(`webhook ${id}: ${response.status} ${JSON.stringify(error)}`);
  if (!data.url.startsWith('relay://')) throw new Error(`webhook ${id} is not a relay webhook (its url is ${data.url}, not relay://<name>)`);
  return data;
}

/** The live relay webhook `relay://<name>` of the organization, created (and its secret kept) when there is none. */
async function relayNamed(client: HooklineClient, name: string, events: string | undefined): Promise<Webhook> {
  if (!RELAY_NAME.test(name)) throw new Error('--name is 1-63 lower-case letters, digits or hyphens');
  const target = `relay://${name}`;
  for (let cursor: string | undefined; ; ) {
    const { data, error, response } = await client.api.GET('/v1/webhooks', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } });
    if (!response.ok || !data) throw new Error(`listing webhooks: ${response.status} ${JSON.stringify(error)}`);
    const found = data.data.find((webhook) => webhook.url === target && webhook.status !== 'deleted');
    if (found) return found;
    if (!data.next_cursor) break;
    cursor = data.next_cursor;
  }
  const eventTypes = events?.split(',').map((type) => type.trim()).filter(Boolean);
  const { data, error, response } = await client.api.POST('/v1/webhooks', {
    body: { name: `hookline listen ${name}`, url: target, ...(eventTypes?.length ? { event_types: eventTypes } : {}) },
  });
  if (response.status === 202) throw new Error(`creating the relay webhook needs an approval (${JSON.stringify(data)}); run again once it is approved`);
  if (!response.ok || !data) throw new Error(`creating the relay webhook: ${response.status} ${JSON.stringify(error)}`);
  const created = data as Webhook & { signing_secret?: string };
  if (created.signing_secret) saveRelaySecret(created.id, created.signing_secret);
  return created;
}

function safeProtocol(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
}
