import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HooklineClient, type DeliveryWithAttempts } from '@hookline/sdk';
import { Webhook } from 'standardwebhooks';
import { startTsProcess, waitFor, type StartedProcess } from '@hookline/testing';
import { startDeliveryStack, type DeliveryStack } from './support/delivery-stack';

// `hookline listen` against the real platform (registry, ingestion, dispatcher, gateway; Kafka and
// PostgreSQL): the real CLI, as a child process, pulls a relay webhook's attempts through the
// gateway's stream and forwards them to an app on loopback that verifies them with the
// `standardwebhooks` library, as it would verify production deliveries; the app's answers become
// the attempts' outcomes, a 500 is retried, and a closed CLI leaves deliveries pending.

const CLI = 'libs/sdk/src/cli/main.ts';
const configFile = join(mkdtempSync(join(tmpdir(), 'hookline-relay-e2e-')), 'hookline', 'config.json');
const cliEnv = { HOOKLINE_CONFIG: configFile, HOOKLINE_URL: '', HOOKLINE_API_KEY: '' };
// Each test starts the CLI (compiled by tsx) once or twice: a busy machine needs minutes, not seconds.
const TEST_TIMEOUT_MS = 180_000;

interface LocalRequest {
  eventId: string;
  webhookId: string;
  /** What `standardwebhooks` said about the signature. */
  verified: boolean;
  headers: IncomingHttpHeaders;
}

/** The developer's app on localhost: verifies every request with its signing secret; answers 200, or 500 to the first request of an event whose data says `fail_first`. */
class LocalApp {
  readonly requests: LocalRequest[] = [];
  private server!: Server;
  url = '';
  secret = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let verified = false;
        try {
          new Webhook(this.secret).verify(body, req.headers as Record<string, string>);
          verified = true;
        } catch {
          verified = false;
        }
        const event = JSON.parse(body) as { id: string; data: { fail_first?: boolean } };
        const eventId = event.id;
        const first = this.requestsFor(eventId).length === 0;
        this.requests.push({ eventId, webhookId: String(req.headers['webhook-id']), verified, headers: req.headers });
        if (!verified) return void res.writeHead(401).end('signature refused');
        if (event.data.fail_first && first) return void res.writeHead(500, { 'content-type': 'text/plain' }).end('local failure');
        res.writeHead(200, { 'content-type': 'text/plain' }).end('received locally');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://localhost:${(this.server.address() as AddressInfo).port}/webhooks`;
    return this;
  }

  requestsFor(eventId: string): LocalRequest[] {
    return this.requests.filter((request) => request.eventId === eventId);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let stack: DeliveryStack;
let developerKey: string;
let client: HooklineClient;
const processes: StartedProcess[] = [];
const apps: LocalApp[] = [];

beforeAll(async () => {
  stack = await startDeliveryStack({ retryScheduleSeconds: '1,1', startTimeoutMs: 150_000 });
  const org = await stack.createOrganization();
  developerKey = await org.keyFor('developer');
  client = new HooklineClient({ baseUrl: stack.gatewayUrl, apiKey: developerKey });
  const login = startTsProcess(CLI, cliEnv, ['login', '--url', stack.gatewayUrl, '--api-key', developerKey]);
  expect(await login.exited).toBe(0);
}, 600_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop(5_000)));
  await Promise.all(apps.map((app) => app.stop()));
  await stack?.stop();
}, 60_000);

function listen(...args: string[]): StartedProcess {
  const started = startTsProcess(CLI, cliEnv, ['listen', ...args]);
  processes.push(started);
  return started;
}

async function localApp(): Promise<LocalApp> {
  const app = await new LocalApp().start();
  apps.push(app);
  return app;
}

const publish = (data: Record<string, unknown>) => client.publish({ type: 'transfer.completed', data });

/** The delivery of an event to a webhook, once `accept` holds, with its attempts. */
async function deliveryOf(webhookId: string, eventId: string, accept: (d: DeliveryWithAttempts) => boolean, timeoutMs = 60_000): Promise<DeliveryWithAttempts> {
  return waitFor(
    async () => {
      const listed = (await client.deliveries.list({ webhook_id: webhookId, limit: 100 })).data.find((d) => d.event_id === eventId);
      if (!listed) return undefined;
      const detail = await client.deliveries.get(listed.id);
      return accept(detail) ? detail : undefined;
    },
    { timeoutMs, intervalMs: 250, message: `the delivery of ${eventId} to ${webhookId}` },
  );
}

describe('hookline listen', () => {
  let app: LocalApp;
  let webhookId: string;

  it('creates a relay webhook, forwards a published event to the local URL signed as in production, and records the local answer as the attempt', async () => {
    app = await localApp();
    const cli = listen('--forward-to', app.url, '--name', 'e2e-laptop');
    app.secret = await waitFor(() => /Signing secret: (whsec_\S+)/.exec(cli.output())?.[1], { timeoutMs: 60_000, message: `the signing secret in: ${cli.output()}` });
    webhookId = /Relay webhook (wh_\S+) \(relay:\/\/e2e-laptop\)/.exec(cli.output())![1];
    await waitFor(() => cli.output().includes('Ready: forwarding deliveries'), { timeoutMs: 30_000, message: 'the stream to open' });

    // A new webhook takes effect within 1 s: publish until one reaches the local app.
    const event = await waitFor(
      async () => {
        const published = await publish({ transfer_id: 'tr_relay_1', amount: 42, currency: 'EUR' });
        return waitFor(() => (app.requestsFor(published.id).length ? published : undefined), { timeoutMs: 3_000, message: 'relayed' }).catch(() => undefined);
      },
      { timeoutMs: 40_000, intervalMs: 0, message: 'an event forwarded to the local app' },
    );

    const [received] = app.requestsFor(event.id);
    expect(received.verified).toBe(true);
    expect(received.webhookId).toMatch(/^del_/);
    expect(received.headers['hookline-event-type']).toBe('transfer.completed');
    const delivery = await deliveryOf(webhookId, event.id, (d) => d.status === 'delivered');
    expect(delivery.attempt_count).toBe(1);
    expect(delivery.attempts[0]).toMatchObject({ number: 1, response_status: 200, response_body: 'received locally', error: null });
    expect(delivery.attempts[0].duration_ms).toEqual(expect.any(Number));
    expect(cli.output()).toMatch(new RegExp(`${delivery.id} transfer.completed attempt=1 → 200`));
  }, TEST_TIMEOUT_MS);

  it('records a local 500 as a failed attempt and retries it on the schedule', async () => {
    const event = await publish({ transfer_id: 'tr_relay_500', amount: 1, currency: 'EUR', fail_first: true });
    const delivery = await deliveryOf(webhookId, event.id, (d) => d.status === 'delivered');
    expect(app.requestsFor(event.id)).toHaveLength(2);
    expect(delivery.attempt_count).toBe(2);
    expect(delivery.attempts[0]).toMatchObject({ number: 1, response_status: 500, response_body: 'local failure', error: { class: 'http_status' } });
    expect(delivery.attempts[1]).toMatchObject({ number: 2, response_status: 200, error: null });
    expect(app.requestsFor(event.id).every((request) => request.verified && request.webhookId === delivery.id)).toBe(true);
  }, TEST_TIMEOUT_MS);

  it('with the CLI stopped, a published event stays pending (not lost), and is delivered when the CLI starts again', async () => {
    const resumeApp = await localApp();
    // A relay webhook made through the API, with a long retry schedule: only the CLI's return can deliver in time.
    const created = await stack.api('POST', '/v1/webhooks', {
      key: developerKey,
      body: { name: 'relay resume webhook', url: 'relay://e2e-resume', event_types: ['transfer.completed'], retry_schedule_seconds: [3600, 3600], timeout_seconds: 5 },
    });
    expect(created.status).toBe(201);
    resumeApp.secret = created.body.signing_secret;
    const resumeId: string = created.body.id;

    const first = listen('--forward-to', resumeApp.url, '--webhook', resumeId);
    await waitFor(() => first.output().includes('Ready: forwarding deliveries'), { timeoutMs: 60_000, message: `the stream to open: ${first.output()}` });
    const warm = await waitFor(
      async () => {
        const published = await publish({ transfer_id: 'tr_relay_warm' });
        return waitFor(() => (resumeApp.requestsFor(published.id).length ? published : undefined), { timeoutMs: 3_000, message: 'relayed' }).catch(() => undefined);
      },
      { timeoutMs: 40_000, intervalMs: 0, message: 'an event relayed to the resume app' },
    );
    expect(resumeApp.requestsFor(warm.id)[0].verified).toBe(true);
    expect(await first.stop(5_000)).toBe(0);

    const event = await publish({ transfer_id: 'tr_relay_offline', amount: 3, currency: 'EUR' });
    const waiting = await deliveryOf(resumeId, event.id, (d) => d.attempt_count >= 1);
    expect(waiting.status).toBe('pending');
    expect(waiting.attempts[0].error?.class).toMatch(/^(relay_offline|timeout)$/);
    expect(waiting.next_attempt_at).not.toBeNull();
    expect(resumeApp.requestsFor(event.id)).toHaveLength(0);

    const second = listen('--forward-to', resumeApp.url, '--webhook', resumeId);
    const delivered = await deliveryOf(resumeId, event.id, (d) => d.status === 'delivered');
    expect(resumeApp.requestsFor(event.id).map((request) => request.verified)).toEqual([true]);
    expect(delivered.attempts.at(-1)).toMatchObject({ response_status: 200, response_body: 'received locally' });
    expect(second.output()).toContain('Ready: forwarding deliveries');
  }, 2 * TEST_TIMEOUT_MS);

  it('answers only its own organization, the developer role and relay webhooks; bad input is a 400', async () => {
    const other = await stack.createOrganization();
    const otherKey = await other.keyFor('developer');
    expect((await stack.api('GET', `/v1/relay/stream?webhook_id=${webhookId}`, { key: otherKey })).status).toBe(404);
    const viewerKey = await (await stack.createOrganization()).keyFor('viewer');
    expect((await stack.api('GET', `/v1/relay/stream?webhook_id=${webhookId}`, { key: viewerKey })).status).toBe(403);

    const https = await stack.api('POST', '/v1/webhooks', { key: developerKey, body: { name: 'not a relay webhook', url: 'http://127.0.0.1:9/hooks' } });
    expect(https.status).toBe(201);
    const notRelay = await stack.api('GET', `/v1/relay/stream?webhook_id=${https.body.id}`, { key: developerKey });
    expect(notRelay).toMatchObject({ status: 400, body: { error: { code: 'webhook_not_relay' } } });
    const badResume = await stack.api('GET', `/v1/relay/stream?webhook_id=${webhookId}&last_event_id=abc`, { key: developerKey });
    expect(badResume).toMatchObject({ status: 400, body: { error: { code: 'last_event_id_invalid' } } });
    const badTarget = await stack.api('POST', '/v1/webhooks', { key: developerKey, body: { name: 'bad relay target', url: 'relay://Not_A_Name' } });
    expect(badTarget).toMatchObject({ status: 400, body: { error: { code: 'url_invalid', param: 'url' } } });

    expect((await stack.api('POST', '/v1/relay/requests/rrq_unknown/outcome', { key: developerKey, body: { status: 200, duration_ms: 1 } })).status).toBe(404);
    expect((await stack.api('POST', '/v1/relay/requests/rrq_unknown/outcome', { key: developerKey, body: { duration_ms: 1 } })).status).toBe(400);
    expect((await stack.api('POST', '/v1/relay/requests/rrq_unknown/outcome', { key: developerKey, body: { status: 700, duration_ms: 1 } })).status).toBe(400);
  }, TEST_TIMEOUT_MS);
});
