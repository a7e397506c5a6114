import { Receiver, type Answer } from '@hookline/testing';
import { HooklineApiError } from './api-error';
import { HooklineClient } from './hookline-client';

// publish() against a real HTTP server on loopback that plays the gateway's answers. The clock is
// the one seam: waits are recorded instead of slept, so the test asserts what was waited for.

const created: Answer = {
  status: 201,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ id: 'evt_1', object: 'event', type: 'transfer.completed', source: 's', time: '2026-01-01T00:00:00Z', is_test: false, data: { a: 1 } }),
};
const error = (status: number, type: string, code: string, headers: Record<string, string> = {}): Answer => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify({ error: { type, code, message: code, request_id: 'req_1' } }),
});

let receiver: Receiver;
let waits: number[];

function clientFor(attempts = 5): HooklineClient {
  waits = [];
  return new HooklineClient({
    baseUrl: receiver.url,
    apiKey: 'hk_test',
    retry: { attempts, baseDelayMs: 100, maxDelayMs: 1_000, sleep: async (ms) => void waits.push(ms) },
  });
}

afterEach(async () => {
  await receiver?.stop();
});

describe('publish()', () => {
  it('sends a generated Idempotency-Key with the key, type and data when the caller gives none', async () => {
    receiver = await Receiver.start(() => created);
    const event = await clientFor().publish({ type: 'transfer.completed', data: { a: 1 } });
    expect(event.id).toBe('evt_1');
    const [request] = receiver.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/events' });
    expect(request.headers['idempotency-key']).toMatch(/^sdk_[0-9a-f-]{36}$/);
    expect(request.headers.authorization).toBe('Bearer hk_test');
    expect(JSON.parse(request.body)).toEqual({ type: 'transfer.completed', data: { a: 1 } });
  });

  it("after 503 with Retry-After, retries with the same key no sooner than asked, and returns the stored event", async () => {
    receiver = await Receiver.start((_request, index) => (index < 2 ? error(503, 'unavailable', 'broker_unavailable', { 'retry-after': '7' }) : created));
    const event = await clientFor().publish({ type: 'transfer.completed', data: { a: 1 } }, { idempotencyKey: 'order-42' });
    expect(event.id).toBe('evt_1');
    expect(receiver.requests.map((r) => r.headers['idempotency-key'])).toEqual(['order-42', 'order-42', 'order-42']);
    expect(waits).toHaveLength(2);
    for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(7_000);
  });

  it('after 429 (an HTTP-date Retry-After) and an in-flight conflict, retries with the same key and backs off', async () => {
    const at = new Date(Date.now() + 3_000).toUTCString();
    receiver = await Receiver.start((_request, index) =>
      index === 0 ? error(429, 'rate_limited', 'rate_limited', { 'retry-after': at }) : index === 1 ? error(409, 'conflict', 'idempotency_key_in_flight') : created,
    );
    await clientFor().publish({ type: 't', data: {} });
    const keys = new Set(receiver.requests.map((r) => r.headers['idempotency-key']));
    expect(receiver.requests).toHaveLength(3);
    expect(keys.size).toBe(1);
    expect(waits[0]).toBeGreaterThanOrEqual(1_000);
    expect(waits[1]).toBeGreaterThan(0);
  });

  it("after a 504 and ingestion's 409 idempotency_key_in_use (an earlier try still producing), retries with the same key no sooner than asked", async () => {
    receiver = await Receiver.start((_request, index) =>
      index === 0 ? error(504, 'unavailable', 'deadline_exceeded') : index === 1 ? error(409, 'conflict', 'idempotency_key_in_use', { 'retry-after': '3' }) : created,
    );
    const event = await clientFor().publish({ type: 't', data: {} }, { idempotencyKey: 'k-busy' });
    expect(event.id).toBe('evt_1');
    expect(receiver.requests.map((r) => r.headers['idempotency-key'])).toEqual(['k-busy', 'k-busy', 'k-busy']);
    expect(waits[1]).toBeGreaterThanOrEqual(3_000);
  });

  it('retries a request that got no answer (connection reset) with the same key', async () => {
    receiver = await Receiver.start((_request, index, res) => {
      if (index === 0) {
        res.socket?.destroy();
        return;
      }
      return created;
    });
    const event = await clientFor().publish({ type: 't', data: {} }, { idempotencyKey: 'k1' });
    expect(event.id).toBe('evt_1');
    expect(receiver.requests.map((r) => r.headers['idempotency-key'])).toEqual(['k1', 'k1']);
  });

  it('does not retry an answer that will not change (400, 409 key reused), and throws it with its code', async () => {
    receiver = await Receiver.start(() => error(400, 'invalid_request', 'event_type_unknown'));
    await expect(clientFor().publish({ type: 'nope', data: {} })).rejects.toMatchObject({ status: 400, code: 'event_type_unknown', requestId: 'req_1' });
    expect(receiver.requests).toHaveLength(1);
    await receiver.stop();
    receiver = await Receiver.start(() => error(409, 'conflict', 'idempotency_key_reused'));
    await expect(clientFor().publish({ type: 't', data: {} })).rejects.toBeInstanceOf(HooklineApiError);
    expect(receiver.requests).toHaveLength(1);
  });

  it('gives up after the configured attempts, and at once when Retry-After asks for longer than it will wait', async () => {
    receiver = await Receiver.start(() => error(503, 'unavailable', 'broker_unavailable'));
    await expect(clientFor(3).publish({ type: 't', data: {} })).rejects.toMatchObject({ status: 503 });
    expect(receiver.requests).toHaveLength(3);
    await receiver.stop();
    receiver = await Receiver.start(() => error(503, 'unavailable', 'broker_unavailable', { 'retry-after': '86400' }));
    await expect(clientFor(3).publish({ type: 't', data: {} })).rejects.toMatchObject({ status: 503, retryAfter: '86400' });
    expect(receiver.requests).toHaveLength(1);
  });

  it('refuses an Idempotency-Key the API would refuse, before sending anything', async () => {
    receiver = await Receiver.start(() => created);
    await expect(clientFor().publish({ type: 't', data: {} }, { idempotencyKey: 'é' })).rejects.toThrow(/printable ASCII/);
    await expect(clientFor().publish({ type: 't', data: {} }, { idempotencyKey: 'x'.repeat(256) })).rejects.toThrow(/printable ASCII/);
    expect(receiver.requests).toHaveLength(0);
  });
});
