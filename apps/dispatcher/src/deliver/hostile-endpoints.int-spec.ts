import { createServer, type Server, type Socket } from 'node:net';
import { Receiver, waitFor } from '@hookline/testing';
import type { RunningDispatcher } from '../app';
import { attemptRows, deliveryRows, nonEmpty, startStack, type Stack } from '../testing/harness';

// A tenant controls its endpoints and its OAuth2 token endpoint: whatever they answer — NUL,
// bytes that are not UTF-8, 10 MB, a body that never ends, thousands of headers — is recorded
// cleaned and capped as that tenant's attempt, and another organization's deliveries are
// recorded meanwhile. Finding 3 of issue 21 (a NUL in a token endpoint's error_description
// stalled recording for every organization) is the first case.

const HOSTILE_ORG = 'org_hostile_tenant';
const CALM_ORG = 'org_calm_neighbour';

/** An HTTP endpoint that writes these raw bytes as its answer (what no well-behaved server would send). */
class RawEndpoint {
  private server!: Server;
  private readonly sockets = new Set<Socket>();
  /** Connections that are open now. */
  open = 0;
  url = '';

  constructor(private readonly answer: (socket: Socket) => void) {}

  async start(): Promise<this> {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      this.open++;
      socket.on('close', () => {
        this.open--;
        this.sockets.delete(socket);
      });
      socket.on('error', () => undefined);
      let head = '';
      const onData = (chunk: Buffer) => {
        head += chunk.toString('latin1');
        if (!head.includes('\r\n\r\n')) return;
        socket.off('data', onData);
        this.answer(socket);
      };
      socket.on('data', onData);
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${address.port}/hook`;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const head = (status: string, headers: string[], length?: number) =>
  Buffer.from(`HTTP/1.1 ${status}\r\n${[...headers, ...(length === undefined ? [] : [`content-length: ${length}`]), 'connection: close'].join('\r\n')}\r\n\r\n`, 'latin1');
const answerWith = (status: string, headers: string[], body: Buffer) => (socket: Socket) => {
  socket.write(Buffer.concat([head(status, headers, body.length), body]));
  socket.end();
};

describe('hostile endpoints do not reach other tenants or the store', () => {
  let stack: Stack;
  let dispatcher: RunningDispatcher;
  const endpoints: { stop(): Promise<unknown> }[] = [];
  const trickles: NodeJS.Timeout[] = [];

  beforeAll(async () => {
    stack = await startStack({ HOOKLINE_ALLOW_INSECURE_URLS: 'true' });
    dispatcher = await stack.startDispatcher();
  }, 120_000);
  afterAll(async () => {
    trickles.forEach((timer) => clearInterval(timer));
    await stack?.stop();
    await Promise.all(endpoints.map((e) => e.stop()));
  });

  const hookTo = async (orgId: string, url: string, extra: Record<string, unknown> = {}) => {
    const hook = await stack.registry.create(orgId, { url, ...extra });
    await waitFor(() => dispatcher.routing.route(hook.webhookId), { message: 'the webhook to reach the routing view' });
    return hook;
  };
  const raw = async (answer: (socket: Socket) => void) => {
    const endpoint = await new RawEndpoint(answer).start();
    endpoints.push(endpoint);
    return endpoint;
  };
  const oauth2 = (tokenUrl: string) => ({
    type: 'oauth2',
    headerName: '',
    headerValue: '',
    username: '',
    password: '',
    tokenUrl,
    clientId: 'client',
    clientSecret: 'secret',
    scope: '',
    audience: '',
    clientAuthMethod: 'client_secret_basic',
  });
  const firstAttempt = async (webhookId: string) => {
    const [delivery] = await waitFor(async () => nonEmpty((await deliveryRows(stack.db, webhookId)).filter((d) => d.attempt_count >= 1)), {
      timeoutMs: 30_000,
      message: `an attempt of ${webhookId} recorded`,
    });
    const [attempt] = await attemptRows(stack.db, delivery.id);
    return { delivery, attempt };
  };

  it('every hostile answer is recorded cleaned and capped, while another organization is delivered and recorded before the slowest hostile answer ends', async () => {
    // The tenant's endpoints and token endpoints.
    const nulTokens = await raw(answerWith('400 Bad Request', ['content-type: application/json'], Buffer.from('{"error":"invalid_scope","error_description":"a\\u0000b"}')));
    const rawNulTokens = await raw(answerWith('400 Bad Request', ['content-type: application/json'], Buffer.from([...Buffer.from('{"error":"invalid_scope\0","error_description":"\xff\xfe'), 0xed, 0xa0, 0x80, ...Buffer.from('"}')])));
    const nulBody = await raw(answerWith('500 Oops', ['content-type: text/plain', 'x-evil: v\x80\x81'], Buffer.from([0x61, 0x00, 0x62, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0x63])));
    const huge = await raw(answerWith('500 Big', ['content-type: text/plain'], Buffer.alloc(10 * 1024 * 1024, 0x00)));
    const flood = await raw(answerWith('500 Flood', Array.from({ length: 5_000 }, (_, i) => `x-flood-${i}: ${'v'.repeat(20)}`), Buffer.from('flood')));
    const manyHeaders = await raw(answerWith('500 Many', Array.from({ length: 200 }, (_, i) => `x-h-${i}: \xe9${i}`), Buffer.from('many')));
    // Headers, then one byte a second: the attempt ends only at the webhook's timeout.
    const slow = await raw((socket) => {
      socket.write(head('200 OK', ['content-type: text/plain', 'transfer-encoding: chunked']));
      trickles.push(setInterval(() => socket.writable && socket.write('1\r\nx\r\n'), 1_000));
    });
    const calm = new Receiver(() => ({ status: 200, body: 'ok' }));
    await calm.start();
    endpoints.push(calm);

    const hostileHooks = {
      nulToken: await hookTo(HOSTILE_ORG, nulBody.url, { auth: oauth2(nulTokens.url) }),
      rawNulToken: await hookTo(HOSTILE_ORG, nulBody.url, { auth: oauth2(rawNulTokens.url) }),
      nulBody: await hookTo(HOSTILE_ORG, nulBody.url),
      huge: await hookTo(HOSTILE_ORG, huge.url),
      flood: await hookTo(HOSTILE_ORG, flood.url),
      manyHeaders: await hookTo(HOSTILE_ORG, manyHeaders.url),
      slow: await hookTo(HOSTILE_ORG, slow.url, { timeoutSeconds: 30 }),
    };
    const calmHook = await hookTo(CALM_ORG, calm.url);

    // Act: the hostile tenant's events and the neighbour's, interleaved.
    for (let i = 0; i < 5; i++) {
      await stack.ingestion.publish(HOSTILE_ORG, 'transfer.completed', { i });
      await stack.ingestion.publish(CALM_ORG, 'transfer.completed', { i });
    }

    // The neighbour: every delivery delivered and recorded while the slow endpoint still holds its attempt open.
    await waitFor(async () => (await deliveryRows(stack.db, calmHook.webhookId)).filter((d) => d.status === 'delivered').length === 5, {
      timeoutMs: 25_000,
      message: "the other organization's five deliveries recorded as delivered",
    });
    expect(slow.open).toBeGreaterThan(0);
    expect((await deliveryRows(stack.db, hostileHooks.slow.webhookId)).filter((d) => d.attempt_count > 0)).toEqual([]);

    // The token endpoint's NUL (finding 3): recorded, cleaned, as the tenant's own auth failure.
    const nulToken = await firstAttempt(hostileHooks.nulToken.webhookId);
    expect(nulToken.attempt.error_class).toBe('auth');
    expect(nulToken.attempt.error_message).toBe('OAuth2 token endpoint answered 400 (client auth client_secret_basic): invalid_scope: a\ufffdb');
    expect(nulToken.delivery.status).toBe('pending');
    expect(nulToken.delivery.next_attempt_at).not.toBeNull();
    const rawNulToken = await firstAttempt(hostileHooks.rawNulToken.webhookId);
    expect(rawNulToken.attempt.error_class).toBe('auth');
    expect(rawNulToken.attempt.error_message).not.toMatch(/\u0000/);

    // A body of NUL and bytes that are not UTF-8, a header that is not ASCII.
    const body = await firstAttempt(hostileHooks.nulBody.webhookId);
    expect(body.attempt.response_status).toBe(500);
    expect(body.attempt.response_body).toMatch(/^a\ufffdb\ufffd+c$/);
    expect(body.attempt.response_headers['x-evil']).toBeDefined();

    // 10 MB of NUL: the first 16 KiB kept, cleaned.
    const big = await firstAttempt(hostileHooks.huge.webhookId);
    expect(big.attempt.response_status).toBe(500);
    expect(big.attempt.response_body).toBe('\ufffd'.repeat(16 * 1024));

    // Headers past what the client reads: a failed attempt of class connect, not a stored flood.
    const flooded = await firstAttempt(hostileHooks.flood.webhookId);
    expect(flooded.attempt.response_status).toBeNull();
    expect(flooded.attempt.error_class).not.toBeNull();

    // Many small headers: 64 kept, not 200.
    const many = await firstAttempt(hostileHooks.manyHeaders.webhookId);
    expect(many.attempt.response_status).toBe(500);
    expect(Object.keys(many.attempt.response_headers)).toHaveLength(64);

    // Nothing was a poison row: cleaning, not dead-lettering, is what kept the batches whole.
    const letters = await stack.db.query("select count(*)::int as n from dead_letter where topic = 'row:attempt'");
    expect(letters.rows[0].n).toBe(0);
  }, 120_000);
});
